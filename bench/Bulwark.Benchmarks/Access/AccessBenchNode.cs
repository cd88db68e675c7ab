using Bulwark.Core.Access;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Access.Propagation;
using Bulwark.Gateway.Access.Stores;
using Bulwark.Gateway.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bulwark.Benchmarks.Access;

/// <summary>
/// One node's access services exactly as the gateway registers them (AddBulwarkAccess), without HTTP. Several of these
/// over one store and one bus behave like several gateway processes for propagation purposes (own state, own bus
/// connection, own reconcile loop).
/// </summary>
internal sealed class AccessBenchNode : IAsyncDisposable
{
    private AccessBenchNode(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    public IAccessController Controller => Services.GetRequiredService<IAccessController>();

    public AccessStateManager Manager => Services.GetRequiredService<AccessStateManager>();

    public IAccessStore Store => Services.GetRequiredService<IAccessStore>();

    public static async Task<AccessBenchNode> StartAsync(BulwarkOptions options, IDictionary<string, string?>? settings = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddBulwarkAccess(options);
        var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>()) await hosted.StartAsync(CancellationToken.None);
        return new AccessBenchNode(provider);
    }

    /// <summary>Writes a key straight to the store and makes it visible on this node. Returns the secret key.</summary>
    public async Task<(string Id, string Key)> AddKeyAsync(string principal, IReadOnlyList<string> groups)
    {
        var g = ApiKeyFormat.Generate();
        var key = new ApiKey { Id = g.Id, PrincipalId = principal, Hash = g.Hash, CreatedAt = DateTimeOffset.UtcNow };
        var outcome = await Store.CreateKeyAsync(key, groups, CancellationToken.None);
        await Services.GetRequiredService<IAccessChangeNotifier>().NotifyAsync(outcome.Version, CancellationToken.None);
        return (g.Id, g.Key);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in Services.GetServices<IHostedService>()) await hosted.StopAsync(CancellationToken.None);
        await Services.DisposeAsync();
    }
}
