using System.Text;
using Bulwark.Audit.Hashing;
using Bulwark.Audit.Proofs;
using Bulwark.Audit.Tree;
using Bulwark.Gateway.Auditing.Stores;

namespace Bulwark.Gateway.Tests.Auditing.Stores;

/// <summary>One behaviour contract, run against every <see cref="IAuditStore"/> on a real database.</summary>
public abstract class AuditStoreConformanceTests
{
    /// <summary>A fresh, empty store URI.</summary>
    protected abstract Task<string> NewStoreUriAsync();

    protected async Task<IAuditStore> OpenAsync(string uri)
    {
        var store = AuditStoreFactory.Create(uri);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    internal static byte[] Record(long i) => Encoding.UTF8.GetBytes($"{{\"kind\":\"request\",\"n\":{i}}}");

    private static ReadOnlyMemory<byte>[] Records(long from, int count) => Enumerable.Range(0, count).Select(i => (ReadOnlyMemory<byte>)Record(from + i)).ToArray();

    [SkippableFact]
    public async Task AppendAsync_SeveralBatches_GetsContiguousIndicesAndTheReferenceRoot()
    {
        await using var store = await OpenAsync(await NewStoreUriAsync());
        Assert.Equal(0, await store.GetSizeAsync(CancellationToken.None));
        Assert.Equal(0, await store.AppendAsync(Records(0, 1), CancellationToken.None));
        Assert.Equal(1, await store.AppendAsync(Records(1, 6), CancellationToken.None));
        Assert.Equal(7, await store.AppendAsync(Records(7, 30), CancellationToken.None));
        Assert.Equal(37, await store.GetSizeAsync(CancellationToken.None));
        for (var size = 1; size <= 37; size++)
        {
            var expected = ProofVerifier.RootFromLeaves(Enumerable.Range(0, size).Select(i => Record(i)));
            Assert.Equal(expected, await ProofBuilder.RootAsync(store, size, CancellationToken.None));
        }
    }

    [SkippableFact]
    public async Task ReadLeavesAsync_Pages_ReturnsRecordsAndLeafHashesInOrder()
    {
        await using var store = await OpenAsync(await NewStoreUriAsync());
        await store.AppendAsync(Records(0, 25), CancellationToken.None);
        var page = await store.ReadLeavesAsync(10, 10, CancellationToken.None);
        Assert.Equal(Enumerable.Range(10, 10).Select(i => (long)i), page.Select(l => l.Index));
        Assert.All(page, l => Assert.Equal(Record(l.Index), l.Data));
        Assert.All(page, l => Assert.Equal(MerkleHash.Leaf(l.Data), l.LeafHash));
        Assert.Equal(5, (await store.ReadLeavesAsync(20, 100, CancellationToken.None)).Count);
        Assert.Empty(await store.ReadLeavesAsync(25, 10, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Proofs_FromStoredNodes_VerifyAgainstRecomputedRoots()
    {
        await using var store = await OpenAsync(await NewStoreUriAsync());
        for (var b = 0; b < 9; b++) await store.AppendAsync(Records(b * 11, 11), CancellationToken.None);
        var rng = new Random(5);
        for (var trial = 0; trial < 40; trial++)
        {
            var size = rng.Next(1, 100);
            var index = rng.Next(0, size);
            var root = ProofVerifier.RootFromLeaves(Enumerable.Range(0, size).Select(i => Record(i)));
            var proof = await ProofBuilder.InclusionProofAsync(store, index, size, CancellationToken.None);
            Assert.True(ProofVerifier.VerifyInclusion(MerkleHash.Leaf(Record(index)), index, size, proof, root).Valid);
            var size1 = rng.Next(1, size + 1);
            var root1 = ProofVerifier.RootFromLeaves(Enumerable.Range(0, size1).Select(i => Record(i)));
            var consistency = await ProofBuilder.ConsistencyProofAsync(store, size1, size, CancellationToken.None);
            Assert.True(ProofVerifier.VerifyConsistency(size1, size, root1, root, consistency).Valid);
        }
    }

    [SkippableFact]
    public async Task AppendAsync_TwoStoreInstancesOnOneDatabase_ShareOneSequence()
    {
        var uri = await NewStoreUriAsync();
        await using var a = await OpenAsync(uri);
        await using var b = await OpenAsync(uri);
        var tasks = Enumerable.Range(0, 20).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).AppendAsync(Records(1000 + i * 10, 10), CancellationToken.None))).ToArray();
        var firsts = await Task.WhenAll(tasks);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i * 10L), firsts.Order());
        Assert.Equal(200, await a.GetSizeAsync(CancellationToken.None));
        var leaves = await a.ReadLeavesAsync(0, 1000, CancellationToken.None);
        var root = ProofVerifier.RootFromLeaves(leaves.Select(l => l.Data));
        Assert.Equal(root, await ProofBuilder.RootAsync(a, 200, CancellationToken.None));
        Assert.Equal(root, await ProofBuilder.RootAsync(b, 200, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Checkpoints_AddedInOrder_ListAndLatestReturnThem()
    {
        await using var store = await OpenAsync(await NewStoreUriAsync());
        Assert.Null(await store.GetLatestCheckpointAsync(CancellationToken.None));
        var t = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await store.AddCheckpointAsync(new StoredCheckpoint(0, "o\n0\nx\n\n— k AAAA\n", t), CancellationToken.None);
        await store.AddCheckpointAsync(new StoredCheckpoint(5, "o\n5\ny\n\n— k BBBB\n", t.AddSeconds(1)), CancellationToken.None);
        var latest = await store.GetLatestCheckpointAsync(CancellationToken.None);
        Assert.Equal(5, latest!.Size);
        Assert.Equal(t.AddSeconds(1), latest.Time);
        Assert.Equal([0L, 5L], (await store.ListCheckpointsAsync(CancellationToken.None)).Select(c => c.Size));
    }

    [SkippableFact]
    public async Task Content_PutGetPurge_PurgesOnlyOldItemsAndNeverTheTree()
    {
        await using var store = await OpenAsync(await NewStoreUriAsync());
        await store.AppendAsync(Records(0, 3), CancellationToken.None);
        var root = await ProofBuilder.RootAsync(store, 3, CancellationToken.None);
        var old = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await store.PutContentAsync(0, "prompt", [1, 2, 3], old, CancellationToken.None);
        await store.PutContentAsync(1, "prompt", [4, 5], old.AddDays(10), CancellationToken.None);
        Assert.Equal([1, 2, 3], await store.GetContentAsync(0, "prompt", CancellationToken.None));
        Assert.Null(await store.GetContentAsync(0, "response", CancellationToken.None));
        Assert.Equal(1, await store.PurgeContentAsync(old.AddDays(5), CancellationToken.None));
        Assert.Null(await store.GetContentAsync(0, "prompt", CancellationToken.None));
        Assert.Equal([4, 5], await store.GetContentAsync(1, "prompt", CancellationToken.None));
        Assert.Equal(root, await ProofBuilder.RootAsync(store, 3, CancellationToken.None));
        Assert.Equal(3, await store.GetSizeAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task InitializeAsync_RunTwice_KeepsTheData()
    {
        var uri = await NewStoreUriAsync();
        await using (var store = await OpenAsync(uri)) await store.AppendAsync(Records(0, 4), CancellationToken.None);
        await using var again = await OpenAsync(uri);
        await again.InitializeAsync(CancellationToken.None);
        Assert.Equal(4, await again.GetSizeAsync(CancellationToken.None));
        Assert.Equal(4, await again.AppendAsync(Records(4, 1), CancellationToken.None));
    }
}
