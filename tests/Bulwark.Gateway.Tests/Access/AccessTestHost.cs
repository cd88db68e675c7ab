using System.Text.Json.Nodes;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Access.Admin;
using Bulwark.Gateway.Access.Propagation;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Auditing.Stores;
using Bulwark.Gateway.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bulwark.Gateway.Tests.Access;

/// <summary>
/// The access services as the gateway registers them (AddBulwarkAccess + AddBulwarkAudit) over a real SQLite file in a
/// temporary folder, with a hand-moved clock. The propagation loop is not started: tests run its rounds explicitly.
/// </summary>
public sealed class AccessTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private AccessTestHost(string dir, ServiceProvider services, ManualClock clock)
    {
        Directory = dir;
        Services = services;
        Clock = clock;
    }

    public string Directory { get; }

    public ServiceProvider Services { get; }

    public ManualClock Clock { get; }

    public IAccessController Controller => Services.GetRequiredService<IAccessController>();

    public AccessAdministration Admin => Services.GetRequiredService<AccessAdministration>();

    public AccessStateManager Manager => Services.GetRequiredService<AccessStateManager>();

    public AdminActor Actor { get; } = new("root", "req-test");

    public static BulwarkOptions DefaultOptions(string dir) => new()
    {
        Store = "sqlite://" + Path.Combine(dir, "bulwark.db"),
        DataDirectory = dir,
        MaxStaleness = TimeSpan.FromSeconds(5),
        Upstreams = new Dictionary<string, UpstreamOptions>
        {
            ["sim"] = new() { Kind = "simulated" },
            ["other"] = new() { Kind = "simulated" },
        },
        Models = new Dictionary<string, ModelOptions>
        {
            ["open"] = new() { Upstream = "sim" },
            ["gated"] = new() { Upstream = "sim", Groups = ["research"] },
            ["relaxed"] = new() { Upstream = "other", Protected = false },
        },
    };

    public static async Task<AccessTestHost> StartAsync(Func<BulwarkOptions, BulwarkOptions>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "bulwark-acc-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(dir);
        var options = DefaultOptions(dir);
        if (configure is not null) options = configure(options);
        var clock = new ManualClock(Start);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        services.AddSingleton(options);
        services.AddSingleton<TimeProvider>(clock);
        services.AddBulwarkAccess(options);
        services.AddBulwarkAudit(options);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IAuditStore>().InitializeAsync(CancellationToken.None);
        var host = new AccessTestHost(dir, provider, clock);
        await provider.GetRequiredService<Gateway.Access.Stores.IAccessStore>().MigrateAsync(CancellationToken.None);
        await host.RoundAsync();
        return host;
    }

    /// <summary>One reconcile round (bus heartbeat, store version, confirm) as the propagation loop does it.</summary>
    public Task RoundAsync() => Services.GetRequiredService<AccessPropagationService>().RoundAsync(CancellationToken.None);

    public async Task<(string Id, string Key)> CreateKeyAsync(string principal, string[]? groups = null, string[]? models = null, bool admin = false, DateTimeOffset? expires = null)
    {
        var r = await Admin.CreateKeyAsync(Actor, new CreateKeyRequest(principal, groups ?? [], models ?? [], admin, false, expires), CancellationToken.None);
        Assert.True(r.Ok, r.Error);
        return (r.Body!["id"]!.GetValue<string>(), r.Body!["key"]!.GetValue<string>());
    }

    public ValueTask<AccessDecision> AuthorizeAsync(string? key, string? model, string ip = "10.0.0.1") =>
        Controller.AuthorizeAsync(new AccessRequest(key, model, "/v1/chat/completions", System.Net.IPAddress.Parse(ip)), CancellationToken.None);

    /// <summary>Every audit record written so far, as JSON.</summary>
    public async Task<IReadOnlyList<JsonObject>> AuditRecordsAsync()
    {
        var store = Services.GetRequiredService<IAuditStore>();
        var size = await store.GetSizeAsync(CancellationToken.None);
        var leaves = await store.ReadLeavesAsync(0, (int)size, CancellationToken.None);
        return leaves.Select(l => (JsonObject)JsonNode.Parse(l.Data)!).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        var appender = Services.GetService<BatchingAuditAppender>();
        if (appender is not null) await appender.StopAsync(CancellationToken.None);
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
