using Bulwark.Audit.Proofs;
using Bulwark.Audit.Tree;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Auditing.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bulwark.Gateway.Tests.Auditing;

public sealed class BatchingAuditAppenderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bulwark-appender-" + Guid.NewGuid().ToString("N")[..8]);

    private string DbPath => Path.Combine(_dir, "audit.db");

    private BatchingAuditAppender NewAppender(IAuditStore store, int maxBatch = 64) =>
        new(store, new AuditOptions { MaxBatch = maxBatch, QueueCapacity = 1000 }, NullLogger<BatchingAuditAppender>.Instance);

    [Fact]
    public async Task AppendAsync_ManyConcurrentCallers_EachGetsADistinctDurableIndex()
    {
        await using var store = new SqliteAuditStore(DbPath);
        await using var appender = NewAppender(store);
        var tasks = Enumerable.Range(0, 500).Select(i => appender.AppendAsync(Stores.AuditStoreConformanceTests.Record(i), CancellationToken.None).AsTask()).ToArray();
        var indices = await Task.WhenAll(tasks);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => (long)i), indices.Order());
        // Each caller's index holds that caller's record.
        await using var reopened = new SqliteAuditStore(DbPath);
        var leaves = await reopened.ReadLeavesAsync(0, 1000, CancellationToken.None);
        for (var i = 0; i < 500; i++) Assert.Equal(Stores.AuditStoreConformanceTests.Record(i), leaves[(int)indices[i]].Data);
        Assert.Equal(ProofVerifier.RootFromLeaves(leaves.Select(l => l.Data)), await ProofBuilder.RootAsync(reopened, 500, CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_CommitFails_FaultsTheCallersTask()
    {
        await using var store = new SqliteAuditStore(DbPath);
        await using var appender = NewAppender(store);
        Assert.Equal(0, await appender.AppendAsync(new byte[] { 1 }, CancellationToken.None));
        await using (var conn = new SqliteConnection("Data Source=" + DbPath))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "DROP TABLE audit_leaves";
            await cmd.ExecuteNonQueryAsync();
        }
        await Assert.ThrowsAsync<AuditAppendException>(async () => await appender.AppendAsync(new byte[] { 2 }, CancellationToken.None));
    }

    [Fact]
    public async Task StopAsync_WithQueuedRecords_DrainsThemThenRefusesNewOnes()
    {
        await using var store = new SqliteAuditStore(DbPath);
        var appender = NewAppender(store, maxBatch: 8);
        var tasks = Enumerable.Range(0, 200).Select(i => appender.AppendAsync(new[] { (byte)i, (byte)(i >> 8) }, CancellationToken.None).AsTask()).ToArray();
        await appender.StopAsync(CancellationToken.None);
        // Every queued record was committed by the drain; callers' continuations run asynchronously, so await them.
        var indices = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), indices.Order());
        Assert.Equal(200, await store.GetSizeAsync(CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await appender.AppendAsync(new byte[] { 9 }, CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_EmptyRecord_IsRejected()
    {
        await using var store = new SqliteAuditStore(DbPath);
        await using var appender = NewAppender(store);
        await Assert.ThrowsAsync<ArgumentException>(async () => await appender.AppendAsync(ReadOnlyMemory<byte>.Empty, CancellationToken.None));
    }

    [Fact]
    public async Task AppendAsync_UnderConcurrency_CommitsOnTheDedicatedWriterThreadNotThePool()
    {
        await using var store = new SqliteAuditStore(DbPath);
        var observed = new ThreadObservingStore(store);
        await using var appender = NewAppender(observed);
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => appender.AppendAsync(new[] { (byte)i, (byte)1 }, CancellationToken.None).AsTask()));
        Assert.NotEmpty(observed.Threads);
        Assert.All(observed.Threads, t => Assert.Equal((BatchingAuditAppender.WriterThreadName, false), t));
        // Group commit: 100 concurrent callers needed fewer transactions than records.
        Assert.Equal(100, await store.GetSizeAsync(CancellationToken.None));
    }

    /// <summary>A real store that records which thread each append transaction ran on.</summary>
    private sealed class ThreadObservingStore(IAuditStore inner) : IAuditStore
    {
        public System.Collections.Concurrent.ConcurrentBag<(string?, bool)> Threads { get; } = [];

        public string Name => inner.Name;

        public Task<long> AppendAsync(IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken)
        {
            Threads.Add((Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread));
            return inner.AppendAsync(records, cancellationToken);
        }

        public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

        public Task<long> GetSizeAsync(CancellationToken cancellationToken) => inner.GetSizeAsync(cancellationToken);

        public Task<IReadOnlyList<AuditLeaf>> ReadLeavesAsync(long from, int count, CancellationToken cancellationToken) => inner.ReadLeavesAsync(from, count, cancellationToken);

        public Task<IReadOnlyList<byte[]>> ReadLevelAsync(int level, long start, int count, CancellationToken cancellationToken) => inner.ReadLevelAsync(level, start, count, cancellationToken);

        public Task AddCheckpointAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken) => inner.AddCheckpointAsync(checkpoint, cancellationToken);

        public Task<StoredCheckpoint?> GetLatestCheckpointAsync(CancellationToken cancellationToken) => inner.GetLatestCheckpointAsync(cancellationToken);

        public Task<IReadOnlyList<StoredCheckpoint>> ListCheckpointsAsync(CancellationToken cancellationToken) => inner.ListCheckpointsAsync(cancellationToken);

        public Task PutContentAsync(long index, string part, byte[] sealedContent, DateTimeOffset time, CancellationToken cancellationToken) =>
            inner.PutContentAsync(index, part, sealedContent, time, cancellationToken);

        public Task<byte[]?> GetContentAsync(long index, string part, CancellationToken cancellationToken) => inner.GetContentAsync(index, part, cancellationToken);

        public Task<int> PurgeContentAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) => inner.PurgeContentAsync(olderThan, cancellationToken);

        public ValueTask<IReadOnlyList<byte[]>> ReadNodesAsync(IReadOnlyList<NodeId> ids, CancellationToken cancellationToken) => inner.ReadNodesAsync(ids, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
