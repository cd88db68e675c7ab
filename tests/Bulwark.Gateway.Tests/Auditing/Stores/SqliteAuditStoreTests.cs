namespace Bulwark.Gateway.Tests.Auditing.Stores;

public sealed class SqliteAuditStoreTests : AuditStoreConformanceTests, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bulwark-audit-" + Guid.NewGuid().ToString("N")[..8]);

    protected override Task<string> NewStoreUriAsync() =>
        Task.FromResult("sqlite://" + Path.Combine(_dir, Guid.NewGuid().ToString("N")[..8], "audit.db"));

    [Fact]
    public async Task AppendAsync_ManySmallCommits_CheckpointsTheWalInTheBackgroundAndKeepsEveryRecord()
    {
        var path = Path.Combine(_dir, "wal", "audit.db");
        var count = Bulwark.Gateway.Auditing.Stores.SqliteAuditStore.WalCheckpointEveryCommits * 2 + 3;
        await using (var store = new Bulwark.Gateway.Auditing.Stores.SqliteAuditStore(path))
        {
            await store.InitializeAsync(CancellationToken.None);
            for (var i = 0; i < count; i++) Assert.Equal(i, await store.AppendAsync([Record(i)], CancellationToken.None));
            await store.DisposeAsync(); // waits for a running WAL checkpoint
            Assert.InRange(store.WalCheckpoints, 1, 2);
        }
        await using var reopened = new Bulwark.Gateway.Auditing.Stores.SqliteAuditStore(path);
        var leaves = await reopened.ReadLeavesAsync(0, count + 10, CancellationToken.None);
        Assert.Equal(count, leaves.Count);
        for (var i = 0; i < count; i++) Assert.Equal(Record(i), leaves[i].Data);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
