using Bulwark.Audit.Hashing;
using Bulwark.Audit.Notes;
using Bulwark.Cli;

namespace Bulwark.Cli.Tests.Audit;

/// <summary>The six tamper cases, each on a real SQLite store file, each caught by `bulwark audit verify` with the right index or checkpoint.</summary>
public class AuditVerifyTamperTests
{
    [Fact]
    public async Task Verify_UntouchedStore_IsValid()
    {
        await using var f = await AuditLogFixture.CreateAsync();
        var (exit, output, _) = await f.VerifyStoreAsync();
        Assert.Equal(ExitCodes.Success, exit);
        Assert.StartsWith("VALID: 120 records, 3 checkpoints; verified up to size 120", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_OneByteOfARecordEdited_NamesThatIndex()
    {
        await using var f = await AuditLogFixture.CreateAsync();
        var data = await f.ReadDataAsync(70);
        data[20] ^= 0x01;
        await f.ExecAsync("UPDATE audit_leaves SET data = $d WHERE idx = 70", ("$d", data));
        var (exit, output, _) = await f.VerifyStoreAsync();
        Assert.Equal(ExitCodes.CheckFailed, exit);
        Assert.Contains("first bad index 70", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_OneRecordEditedWithItsLeafHash_IsLocalisedThroughTheSignedTree()
    {
        await using var f = await AuditLogFixture.CreateAsync();
        var data = await f.ReadDataAsync(83);
        data[^3] ^= 0x20;
        await f.ExecAsync("UPDATE audit_leaves SET data = $d, leaf_hash = $h WHERE idx = 83", ("$d", data), ("$h", MerkleHash.Leaf(data)));
        var (exit, output, _) = await f.VerifyStoreAsync();
        Assert.Equal(ExitCodes.CheckFailed, exit);
        Assert.Contains("RootMismatch", output, StringComparison.Ordinal);
        Assert.Contains("first bad index 83", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RecordDeleted_NamesTheMissingIndex()
    {
        await using var f = await AuditLogFixture.CreateAsync();
        await f.ExecAsync("DELETE FROM audit_leaves WHERE idx = 33");
        var (exit, output, _) = await f.VerifyStoreAsync();
        Assert.Equal(ExitCodes.CheckFailed, exit);
        Assert.Contains("MissingRecord", output, StringComparison.Ordinal);
        Assert.Contains("first bad index 33", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_TwoRecordsSwapped_NamesTheFirstOfThem()
    {
        await using var f = await AuditLogFixture.CreateAsync();
        // Swap rows 40 and 77 completely (data and stored leaf hash), so each row is self-consistent.
        await f.ExecAsync("UPDATE audit_leaves SET idx = -1 WHERE idx = 40");
        await f.ExecAsync("UPDATE audit_leaves SET idx = 40 WHERE idx = 77");
        await f.ExecAsync("UPDATE audit_leaves SET idx = 77 WHERE idx = -1");
        var (exit, output, _) = await f.VerifyStoreAsync();
        Assert.Equal(ExitCodes.CheckFailed, exit);
        Assert.Contains("first bad index 40", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_LogTruncated_NamesTheFirstMissingIndexAndTheCheckpoint()
    {
        await using var f = await AuditLogFixture.CreateAsync();
        await f.ExecAsync("DELETE FROM audit_leaves WHERE idx >= 110");
        var (exit, output, _) = await f.VerifyStoreAsync();
        Assert.Equal(ExitCodes.CheckFailed, exit);
        Assert.Contains("Truncated", output, StringComparison.Ordinal);
        Assert.Contains("first bad index 110", output, StringComparison.Ordinal);
        Assert.Contains("bad checkpoint #2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_HistoryRewrittenAndResignedWithTheSameKey_ReportsInconsistentCheckpoints()
    {
        await using var f = await AuditLogFixture.CreateAsync();
        // The operator rewrites record 70, rebuilds the whole tree cache so it is self-consistent, and signs a new
        // checkpoint (size 120) with the real key. The checkpoints signed before the rewrite are still on record.
        var data = await f.ReadDataAsync(70);
        data[25] ^= 0x04;
        await f.ExecAsync("UPDATE audit_leaves SET data = $d, leaf_hash = $h WHERE idx = 70", ("$d", data), ("$h", MerkleHash.Leaf(data)));
        await f.RebuildNodesAsync();
        await using (var store = new Bulwark.Gateway.Auditing.Stores.SqliteAuditStore(f.DbPath))
        {
            var root = await Bulwark.Audit.Tree.ProofBuilder.RootAsync(store, 120, CancellationToken.None);
            await store.AddCheckpointAsync(new(120, new Checkpoint(AuditLogFixture.Origin, 120, root).Sign(f.Signer), DateTimeOffset.UtcNow), CancellationToken.None);
        }
        var (exit, output, _) = await f.VerifyStoreAsync();
        Assert.Equal(ExitCodes.CheckFailed, exit);
        Assert.Contains("InconsistentCheckpoints", output, StringComparison.Ordinal);
        Assert.Contains("#2 and #3 both sign size 120", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_HistoryRewrittenAndExtended_ForkIsFoundBetweenTheLastGoodCheckpointAndTheRewrite()
    {
        await using var f = await AuditLogFixture.CreateAsync(records: 100, 50, 100);
        var data = await f.ReadDataAsync(70);
        data[25] ^= 0x04;
        await f.ExecAsync("UPDATE audit_leaves SET data = $d, leaf_hash = $h WHERE idx = 70", ("$d", data), ("$h", MerkleHash.Leaf(data)));
        await f.RebuildNodesAsync();
        await using (var store = new Bulwark.Gateway.Auditing.Stores.SqliteAuditStore(f.DbPath))
        {
            await store.AppendAsync(Enumerable.Range(0, 20).Select(i => (ReadOnlyMemory<byte>)new[] { (byte)i }).ToArray(), CancellationToken.None);
            var root = await Bulwark.Audit.Tree.ProofBuilder.RootAsync(store, 120, CancellationToken.None);
            await store.AddCheckpointAsync(new(120, new Checkpoint(AuditLogFixture.Origin, 120, root).Sign(f.Signer), DateTimeOffset.UtcNow), CancellationToken.None);
        }
        var (exit, output, _) = await f.VerifyStoreAsync();
        Assert.Equal(ExitCodes.CheckFailed, exit);
        Assert.Contains("InconsistentCheckpoints", output, StringComparison.Ordinal);
        Assert.Contains("checkpoint #1 (size 100) and checkpoint #2 (size 120)", output, StringComparison.Ordinal);
        Assert.Contains("first bad index at or after 50", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_CheckpointSignedWithAnotherKey_NamesThatCheckpoint()
    {
        await using var f = await AuditLogFixture.CreateAsync();
        using var intruder = NoteSigner.Generate(AuditLogFixture.Origin);
        await using (var store = new Bulwark.Gateway.Auditing.Stores.SqliteAuditStore(f.DbPath))
        {
            var root = await Bulwark.Audit.Tree.ProofBuilder.RootAsync(store, 120, CancellationToken.None);
            await store.AddCheckpointAsync(new(120, new Checkpoint(AuditLogFixture.Origin, 120, root).Sign(intruder), DateTimeOffset.UtcNow), CancellationToken.None);
        }
        var (exit, output, _) = await f.VerifyStoreAsync();
        Assert.Equal(ExitCodes.CheckFailed, exit);
        Assert.Contains("BadCheckpointSignature", output, StringComparison.Ordinal);
        Assert.Contains("bad checkpoint #3", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WrongPublicKey_FailsOnTheFirstCheckpoint()
    {
        await using var f = await AuditLogFixture.CreateAsync();
        using var other = NoteSigner.Generate(AuditLogFixture.Origin);
        var (exit, output, _) = await f.VerifyStoreAsync(other.VerifierKey);
        Assert.Equal(ExitCodes.CheckFailed, exit);
        Assert.Contains("bad checkpoint #0", output, StringComparison.Ordinal);
    }
}
