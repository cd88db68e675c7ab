using System.Globalization;
using Bulwark.Audit.Notes;
using Bulwark.Audit.Proofs;

namespace Bulwark.Audit.Witness;

/// <summary>
/// The witness side of C2SP tlog-witness <c>add-checkpoint</c>: checks the log's signature (404 unknown origin, 403 no
/// trusted signature), the old size against the latest cosigned size (409 with <c>text/x.tlog.size</c>), the consistency
/// proof (422), equal sizes with different roots (409), then persists the new tree and returns its cosignature. Check
/// and update happen under one lock, so two requests cannot roll the state back.
/// </summary>
public sealed class CheckpointWitness(WitnessSigner signer, IReadOnlyDictionary<string, NoteVerifier> logs, IWitnessStateStore state, TimeProvider time)
{
    private readonly Lock _gate = new();

    public WitnessAnswer AddCheckpoint(string body)
    {
        if (!AddCheckpointRequest.TryParse(body, out var request, out var error)) return new WitnessAnswer(400, error + "\n");
        if (!SignedNote.TryParse(request!.Checkpoint, out var note, out error)) return new WitnessAnswer(400, "checkpoint: " + error + "\n");
        if (!Checkpoint.TryParseBody(note!.Text, out var checkpoint, out error)) return new WitnessAnswer(400, "checkpoint: " + error + "\n");
        if (!logs.TryGetValue(checkpoint!.Origin, out var logKey)) return new WitnessAnswer(404, "unknown log origin\n");
        if (!note.IsSignedBy(logKey)) return new WitnessAnswer(403, "no signature from a trusted key for this origin\n");
        if (request.OldSize > checkpoint.Size) return new WitnessAnswer(400, "old size is larger than the checkpoint size\n");
        lock (_gate)
        {
            var latest = state.Get(checkpoint.Origin);
            var latestSize = latest?.Size ?? 0;
            if (request.OldSize != latestSize)
                return new WitnessAnswer(409, latestSize.ToString(CultureInfo.InvariantCulture) + "\n", WitnessAnswer.TlogSize);
            if (latest is null)
            {
                if (request.Proof.Count != 0) return new WitnessAnswer(422, "the proof must be empty when the old size is zero\n");
            }
            else if (latest.Size == checkpoint.Size)
            {
                if (!latest.RootHash.AsSpan().SequenceEqual(checkpoint.RootHash)) return new WitnessAnswer(409, "same size, different root: the log forked\n");
            }
            else
            {
                var check = ProofVerifier.VerifyConsistency(latest.Size, checkpoint.Size, latest.RootHash, checkpoint.RootHash, request.Proof);
                if (!check.Valid) return new WitnessAnswer(422, "consistency proof does not verify: " + check.Reason + "\n");
            }
            state.Set(checkpoint.Origin, new WitnessedTree(checkpoint.Size, checkpoint.RootHash));
        }
        return new WitnessAnswer(200, signer.Cosign(note.Text, time.GetUtcNow().ToUnixTimeSeconds()));
    }
}
