using Bulwark.Gateway.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bulwark.Gateway.Hosting;

/// <summary>
/// Builds the gateway: configuration (bulwark.json or --config FILE, then BULWARK__… environment variables,
/// then command-line options and <paramref name="overrides"/>), services, and routes.
/// Tests start it on loopback with <c>--urls http://127.0.0.1:0</c>.
/// </summary>
public static class GatewayHost
{
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var configFile = GetOption(args, "--config");
        if (configFile is not null)
        {
            if (!File.Exists(configFile)) throw new GatewayConfigurationException($"config file '{configFile}' not found");
            builder.Configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        }
        else
        {
            builder.Configuration.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "bulwark.json"), optional: true, reloadOnChange: false);
        }
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);

        var options = BulwarkOptionsLoader.Load(builder.Configuration);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);

        // --- feature wiring: each feature adds its services here (one line each) ---
        // [wire:services]
        Bulwark.Gateway.Access.AccessServiceCollectionExtensions.AddBulwarkAccess(builder.Services, options);
        Bulwark.Gateway.Auditing.AuditServiceCollectionExtensions.AddBulwarkAudit(builder.Services, options);

        var app = builder.Build();

        // --- feature routes ---
        // [wire:routes]
        Bulwark.Gateway.Access.Admin.AdminEndpoints.MapBulwarkAdmin(app);

        return app;
    }

    private static string? GetOption(string[] args, string name)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name && i + 1 < args.Length) return args[i + 1];
            if (args[i].StartsWith(name + "=", StringComparison.Ordinal)) return args[i][(name.Length + 1)..];
        }
        return null;
    }
}
