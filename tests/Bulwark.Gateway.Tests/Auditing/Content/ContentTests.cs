using Bulwark.Gateway.Auditing.Content;
using Bulwark.Gateway.Auditing.Stores;
using Microsoft.Data.Sqlite;

namespace Bulwark.Gateway.Tests.Auditing.Content;

public sealed class ContentTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bulwark-content-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Commit_SameTextSameKey_IsStableHexAndKeyDependent()
    {
        var a = new HmacContentCommitter(Enumerable.Repeat((byte)1, 32).ToArray());
        var b = new HmacContentCommitter(Enumerable.Repeat((byte)2, 32).ToArray());
        var c = a.Commit("hello");
        Assert.Matches("^hmac-sha256:[0-9a-f]{64}$", c);
        Assert.Equal(c, a.Commit("hello"));
        Assert.NotEqual(c, a.Commit("hello!"));
        Assert.NotEqual(c, b.Commit("hello"));
        Assert.True(a.Matches("hello", c));
        Assert.False(b.Matches("hello", c));
    }

    [Fact]
    public async Task Vault_StoreOpenPurge_PurgedContentCannotBeOpened()
    {
        await using var store = new SqliteAuditStore(Path.Combine(_dir, "a.db"));
        await store.InitializeAsync(CancellationToken.None);
        var time = new ManualTime(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var vault = new AuditContentVault(store, Enumerable.Repeat((byte)7, 32).ToArray(), time);
        await vault.StoreAsync(0, "prompt", "secret prompt", CancellationToken.None);
        time.Now = time.Now.AddDays(40);
        await vault.StoreAsync(1, "prompt", "newer prompt", CancellationToken.None);
        Assert.Equal("secret prompt", await vault.OpenAsync(0, "prompt", CancellationToken.None));
        var sealedBytes = await store.GetContentAsync(0, "prompt", CancellationToken.None);
        Assert.DoesNotContain("secret", System.Text.Encoding.UTF8.GetString(sealedBytes!), StringComparison.Ordinal);

        Assert.Equal(1, await vault.PurgeAsync(TimeSpan.FromDays(30), CancellationToken.None));
        Assert.Null(await vault.OpenAsync(0, "prompt", CancellationToken.None));
        Assert.Equal("newer prompt", await vault.OpenAsync(1, "prompt", CancellationToken.None));
    }

    [Fact]
    public async Task Vault_CiphertextMovedOrKeyWrong_DoesNotOpen()
    {
        await using var store = new SqliteAuditStore(Path.Combine(_dir, "b.db"));
        await store.InitializeAsync(CancellationToken.None);
        var vault = new AuditContentVault(store, Enumerable.Repeat((byte)7, 32).ToArray(), TimeProvider.System);
        await vault.StoreAsync(3, "response", "answer", CancellationToken.None);
        var sealedBytes = await store.GetContentAsync(3, "response", CancellationToken.None);
        await store.PutContentAsync(4, "response", sealedBytes!, DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Null(await vault.OpenAsync(4, "response", CancellationToken.None));
        var other = new AuditContentVault(store, Enumerable.Repeat((byte)8, 32).ToArray(), TimeProvider.System);
        Assert.Null(await other.OpenAsync(3, "response", CancellationToken.None));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
