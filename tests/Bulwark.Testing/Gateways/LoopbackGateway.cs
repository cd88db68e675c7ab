using Bulwark.Gateway.Access;
using Bulwark.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Bulwark.Testing.Gateways;

/// <summary>
/// Starts a real gateway (<see cref="GatewayHost"/>) on Kestrel at 127.0.0.1 with a random port, for the test hosts of
/// several test projects: the base configuration (a SQLite file in a folder, the simulated model "bulwark-sim" with no
/// token delay) and the start itself (bound address, bootstrap admin key).
/// </summary>
public static class LoopbackGateway
{
    public const string SimulatedModel = "bulwark-sim";

    /// <summary>A SQLite store and data folder in <paramref name="directory"/>, and "bulwark-sim" on the simulated upstream.</summary>
    public static Dictionary<string, string?> SimulatedConfiguration(string directory) => new()
    {
        ["Bulwark:Store"] = "sqlite://" + Path.Combine(directory, "bulwark.db"),
        ["Bulwark:DataDirectory"] = directory,
        ["Bulwark:Upstreams:sim:Kind"] = "simulated",
        ["Bulwark:Upstreams:sim:TokenDelay"] = "00:00:00",
        [$"Bulwark:Models:{SimulatedModel}:Upstream"] = "sim",
    };

    /// <summary>Builds and starts the gateway; returns it with its address and the admin key created on the fresh store.</summary>
    public static async Task<(WebApplication App, string Url, string AdminKey)> StartAsync(
        IReadOnlyDictionary<string, string?> configuration, Action<IServiceCollection>? configureServices = null)
    {
        var app = GatewayHost.Build(["--urls", "http://127.0.0.1:0"], configuration, configureServices);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var admin = await AccessServiceCollectionExtensions.EnsureBootstrapAdminKeyAsync(app.Services, CancellationToken.None)
                    ?? throw new InvalidOperationException("no bootstrap admin key on a fresh store");
        return (app, url, admin);
    }
}
