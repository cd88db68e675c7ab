namespace Bulwark.Gateway.Tests.Auditing.Stores;

public sealed class SqliteAuditStoreTests : AuditStoreConformanceTests, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bulwark-audit-" + Guid.NewGuid().ToString("N")[..8]);

    protected override Task<string> NewStoreUriAsync() =>
        Task.FromResult("sqlite://" + Path.Combine(_dir, Guid.NewGuid().ToString("N")[..8], "audit.db"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
