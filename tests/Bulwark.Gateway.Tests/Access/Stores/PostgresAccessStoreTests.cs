using Bulwark.Gateway.Access.Stores;
using Bulwark.Testing;

namespace Bulwark.Gateway.Tests.Access.Stores;

public sealed class PostgresAccessStoreTests : AccessStoreConformanceTests
{
    private string _uri = "";

    protected override async Task<IAccessStore> CreateStoreAsync()
    {
        var server = await PostgresServer.SharedAsync();
        _uri = await server.CreateDatabaseAsync("access");
        return StoreUri.Open(_uri);
    }

    protected override IAccessStore OpenAgain() => StoreUri.Open(_uri);

    [Fact]
    public void PostgresConnectionString_UriWithPassword_MapsFields()
    {
        var cs = new Npgsql.NpgsqlConnectionStringBuilder(StoreUri.PostgresConnectionString("postgres://bw:p%40ss@db.local:6543/access"));
        Assert.Equal("db.local", cs.Host);
        Assert.Equal(6543, cs.Port);
        Assert.Equal("bw", cs.Username);
        Assert.Equal("p@ss", cs.Password);
        Assert.Equal("access", cs.Database);
    }
}
