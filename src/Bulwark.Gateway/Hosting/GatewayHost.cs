using Bulwark.Gateway.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

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
        PrepareDataDirectories(options);
        // The slim builder forces the simple formatter; re-apply Logging:Console so Logging__Console__FormatterName=json selects JSON.
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(builder.Configuration.GetSection("Logging:Console"));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            k.AddServerHeader = false;
        });
        builder.Services.AddBulwarkGateway(options, builder.Configuration.GetSection("Bulwark:Detection").Get<Bulwark.Detection.DetectionOptions>());

        // Access (keys, directives, kill switches, limits, propagation) and the audit log.
        Bulwark.Gateway.Access.AccessServiceCollectionExtensions.AddBulwarkAccess(builder.Services, options);
        // Bulwark:Audit binds the key paths: every node writing one shared store must use the same signing and HMAC keys.
        Bulwark.Gateway.Auditing.AuditServiceCollectionExtensions.AddBulwarkAudit(builder.Services, options, builder.Configuration.GetSection("Bulwark:Audit").Get<Bulwark.Gateway.Auditing.AuditOptions>());
        // Traces, metrics and the request log; wraps the access controller and audit appender registered above.
        Bulwark.Gateway.Telemetry.TelemetryServiceCollectionExtensions.AddBulwarkTelemetry(builder.Services, builder.Configuration);

        var app = builder.Build();
        // Resolve the policies now: an unknown guard or policy name is a start-up error, not a per-request one.
        app.Services.GetRequiredService<Bulwark.Gateway.Pipeline.PolicyProvider>();
        app.UseBulwarkRequestIds();
        Bulwark.Gateway.Telemetry.TelemetryServiceCollectionExtensions.UseBulwarkTelemetry(app);
        app.MapBulwarkApi();
        app.MapPrometheusScrapingEndpoint("/metrics");
        Bulwark.Gateway.Auditing.Api.AuditorEndpoints.MapBulwarkAuditor(app);
        Bulwark.Gateway.Access.Admin.AdminEndpoints.MapBulwarkAdmin(app);
        Bulwark.Gateway.Console.ConsoleEndpoints.MapBulwarkConsole(app);
        app.MapBulwarkFallback();

        return app;
    }

    /// <summary>Creates the data folder and the SQLite file's folder, so that a first run needs no set-up.</summary>
    private static void PrepareDataDirectories(BulwarkOptions options)
    {
        try
        {
            Directory.CreateDirectory(options.DataDirectory);
            if (options.Store.StartsWith("sqlite://", StringComparison.Ordinal))
            {
                var dir = Path.GetDirectoryName(Path.GetFullPath(options.Store["sqlite://".Length..]));
                if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new GatewayConfigurationException($"cannot create the data folder '{options.DataDirectory}': {ex.Message}");
        }
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
