using Bulwark.Gateway.Auditing.Stores;
using Npgsql;

namespace Bulwark.Gateway.Tests.Auditing.Stores;

public class AuditStoreFactoryTests
{
    [Fact]
    public void ToNpgsqlConnectionString_FullUri_MapsEveryPart()
    {
        var b = new NpgsqlConnectionStringBuilder(AuditStoreFactory.ToNpgsqlConnectionString("postgres://alice:p%40ss@db.example:6543/bulwark?Timeout=7"));
        Assert.Equal("db.example", b.Host);
        Assert.Equal(6543, b.Port);
        Assert.Equal("bulwark", b.Database);
        Assert.Equal("alice", b.Username);
        Assert.Equal("p@ss", b.Password);
        Assert.Equal(7, b.Timeout);
    }

    [Theory]
    [InlineData("mysql://x/y")]
    [InlineData("postgres://host:5432/")]
    [InlineData("sqlite://")]
    public void Create_BadUri_ThrowsArgumentException(string uri)
    {
        Assert.ThrowsAny<ArgumentException>(() => AuditStoreFactory.Create(uri));
    }
}
