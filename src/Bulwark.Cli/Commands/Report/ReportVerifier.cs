using Bulwark.Audit.Export;
using Bulwark.Audit.Notes;
using Bulwark.Audit.Witness;

namespace Bulwark.Cli.Commands.Report;

/// <summary>Verifies the whole log a report will be computed from, and the witness cosignatures on its latest checkpoint.</summary>
internal static class ReportVerifier
{
    public static async Task<ReportVerification> VerifyAsync(ReportLog log, NoteVerifier key, IReadOnlyList<WitnessVerifier> witnesses, int? quorum, CancellationToken cancellationToken)
    {
        var result = await LogVerifier.VerifyAsync(log.ReadRecordsAsync(cancellationToken), log.Checkpoints, key, null, log.Hints, cancellationToken).ConfigureAwait(false);
        var verifierKey = key.ToString();
        if (!result.Valid) return new ReportVerification(result, verifierKey, "", 0, "", null);
        var latest = log.Checkpoints
            .Select(n => (Note: n, Ok: SignedNote.TryParse(n, out var sn, out _) && Checkpoint.TryParseBody(sn!.Text, out var c, out _), Signed: sn))
            .Where(x => x.Ok)
            .Select(x => (x.Note, Cp: ParseBody(x.Signed!), Signatures: x.Signed!.Signatures.Count))
            .OrderBy(x => x.Cp.Size).ThenBy(x => x.Signatures)
            .Last();
        var check = witnesses.Count == 0 ? null : CosignatureCheck.Check(latest.Note, witnesses, quorum);
        return new ReportVerification(result, verifierKey, latest.Cp.Origin, latest.Cp.Size, Convert.ToBase64String(latest.Cp.RootHash), check);
    }

    private static Checkpoint ParseBody(SignedNote note)
    {
        Checkpoint.TryParseBody(note.Text, out var c, out _);
        return c!;
    }
}
