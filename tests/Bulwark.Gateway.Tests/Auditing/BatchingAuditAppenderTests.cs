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

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
