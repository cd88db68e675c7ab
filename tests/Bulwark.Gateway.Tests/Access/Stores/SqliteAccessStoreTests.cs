using Bulwark.Gateway.Access.Stores;

namespace Bulwark.Gateway.Tests.Access.Stores;

public sealed class SqliteAccessStoreTests : AccessStoreConformanceTests
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bulwark-access-" + Guid.NewGuid().ToString("N")[..8]);

    private string Uri => "sqlite://" + Path.Combine(_dir, "sub", "bulwark.db");

    protected override Task<IAccessStore> CreateStoreAsync() => Task.FromResult(StoreUri.Open(Uri));

    protected override IAccessStore OpenAgain() => StoreUri.Open(Uri);

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task MigrateAsync_NewFile_UsesWalJournal()
    {
        var store = (SqliteAccessStore)Store;
        await using var conn = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + store.Path);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await cmd.ExecuteScalarAsync());
    }
}
