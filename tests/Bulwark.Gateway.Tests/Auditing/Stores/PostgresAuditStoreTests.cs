using Bulwark.Testing;

namespace Bulwark.Gateway.Tests.Auditing.Stores;

public sealed class PostgresAuditStoreTests : AuditStoreConformanceTests
{
    protected override async Task<string> NewStoreUriAsync()
    {
        var server = await PostgresServer.SharedAsync();
        return await server.CreateDatabaseAsync("audit");
    }
}
