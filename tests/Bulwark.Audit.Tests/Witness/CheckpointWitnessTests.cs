using System.Globalization;
using Bulwark.Audit.Notes;
using Bulwark.Audit.Tests.Tree;
using Bulwark.Audit.Witness;

namespace Bulwark.Audit.Tests.Witness;

public sealed class CheckpointWitnessTests : IDisposable
{
    private const string Origin = "log.test/audit";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bulwark-witness-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly NoteSigner _log = NoteSigner.Generate(Origin);
    private readonly WitnessSigner _witness = WitnessSigner.Generate("witness.test/w1");
    private readonly List<byte[]> _leaves = Enumerable.Range(0, 40).Select(i => ReferenceTree.LeafHash([(byte)i])).ToList();

    private string StatePath => Path.Combine(_dir, "state.json");

    private CheckpointWitness NewWitness() =>
        new(_witness, new Dictionary<string, NoteVerifier> { [Origin] = NoteVerifier.Parse(_log.VerifierKey) }, new FileWitnessStateStore(StatePath), TimeProvider.System);

    private string Note(IReadOnlyList<byte[]> leaves, int size, NoteSigner? signer = null, string origin = Origin) =>
        new Checkpoint(origin, size, ReferenceTree.Mth(leaves, 0, size)).Sign(signer ?? _log);

    private string Request(IReadOnlyList<byte[]> leaves, int old, int size, NoteSigner? signer = null, string origin = Origin) =>
        new AddCheckpointRequest(old, old == 0 ? [] : ReferenceTree.Consistency(leaves, old, size), Note(leaves, size, signer, origin)).Format();

    [Fact]
    public void AddCheckpoint_FirstThenConsistentGrowth_CosignsEachAndTheCosignatureVerifies()
    {
        var w = NewWitness();
        var first = w.AddCheckpoint(Request(_leaves, 0, 10));
        Assert.Equal(200, first.Status);
        Assert.True(WitnessVerifier.Parse(_witness.VerifierKey).VerifyLine(new Checkpoint(Origin, 10, ReferenceTree.Mth(_leaves, 0, 10)).ToBody(), first.Body));
        Assert.Equal(200, w.AddCheckpoint(Request(_leaves, 10, 25)).Status);
        Assert.Equal(200, w.AddCheckpoint(Request(_leaves, 25, 25)).Status);
    }

    [Fact]
    public void AddCheckpoint_ForkedLogWithAValidProofFromItsOwnHistory_IsRefused()
    {
        var w = NewWitness();
        Assert.Equal(200, w.AddCheckpoint(Request(_leaves, 0, 10)).Status);
        // The operator rewrites record 3 and signs the new history: the proof it can build does not connect to the cosigned root.
        var forked = _leaves.ToList();
        forked[3] = ReferenceTree.LeafHash([0xff]);
        var grown = w.AddCheckpoint(Request(forked, 10, 20));
        Assert.Equal(422, grown.Status);
        var sameSize = w.AddCheckpoint(Request(forked, 10, 10));
        Assert.Equal(409, sameSize.Status);
        Assert.Contains("forked", sameSize.Body, StringComparison.Ordinal);
        // The honest log can still advance.
        Assert.Equal(200, w.AddCheckpoint(Request(_leaves, 10, 20)).Status);
    }

    [Fact]
    public void AddCheckpoint_StaleOrRolledBackOldSize_Is409WithTheCosignedSize()
    {
        var w = NewWitness();
        Assert.Equal(200, w.AddCheckpoint(Request(_leaves, 0, 20)).Status);
        var stale = w.AddCheckpoint(Request(_leaves, 0, 30));
        Assert.Equal(409, stale.Status);
        Assert.Equal(WitnessAnswer.TlogSize, stale.ContentType);
        Assert.Equal("20\n", stale.Body);
        Assert.Equal(409, w.AddCheckpoint(Request(_leaves, 10, 15)).Status);
        Assert.Equal(400, w.AddCheckpoint(new AddCheckpointRequest(30, [], Note(_leaves, 20)).Format()).Status);
    }

    [Fact]
    public void AddCheckpoint_UnknownOriginOrUntrustedSignature_Is404Or403()
    {
        var w = NewWitness();
        using var stranger = NoteSigner.Generate(Origin);
        using var otherLog = NoteSigner.Generate("other.test/log");
        Assert.Equal(403, w.AddCheckpoint(Request(_leaves, 0, 5, stranger)).Status);
        Assert.Equal(404, w.AddCheckpoint(Request(_leaves, 0, 5, otherLog, "other.test/log")).Status);
        Assert.Equal(400, w.AddCheckpoint("garbage").Status);
    }

    [Fact]
    public void State_SurvivesARestart_SoAForkIsStillRefused()
    {
        Assert.Equal(200, NewWitness().AddCheckpoint(Request(_leaves, 0, 12)).Status);
        var restarted = NewWitness();
        var forked = _leaves.ToList();
        forked[0] = ReferenceTree.LeafHash([0xee]);
        var answer = restarted.AddCheckpoint(Request(forked, 0, 12));
        Assert.Equal(409, answer.Status);
        Assert.Equal(12.ToString(CultureInfo.InvariantCulture) + "\n", answer.Body);
        Assert.Equal(409, restarted.AddCheckpoint(Request(forked, 12, 12)).Status);
        Assert.Equal(200, restarted.AddCheckpoint(Request(_leaves, 12, 13)).Status);
    }

    public void Dispose()
    {
        _log.Dispose();
        _witness.Dispose();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
