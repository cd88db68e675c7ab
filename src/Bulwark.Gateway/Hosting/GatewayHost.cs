using Bulwark.Gateway.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Bulwark.Gateway.Hosting;

/// <summary>
/// Builds the gateway: configuration (bulwark.json or --config FILE, then BULWARK__… environment variables,
/// then command-line options and <paramref name="overrides"/>), services, and routes.
/// Tests start it on loopback with <c>--urls http://127.0.0.1:0</c>.
/// </summary>
public static class GatewayHost
{
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Configuration.AddBulwarkJson(GetOption(args, "--config"));
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);

        var options = BulwarkOptionsLoader.Load(builder.Configuration);
        var credentials = UpstreamCredentials.Check(options, Environment.GetEnvironmentVariable);
        if (credentials.Count > 0) throw new GatewayConfigurationException(string.Join("; ", credentials));
        // Every section is validated now, not when a service is first resolved: a bad value stops start-up with one line.
        Bulwark.Gateway.Access.AccessSettings.Load(builder.Configuration);
        var auditOptions = Bind<Bulwark.Gateway.Auditing.AuditOptions>(builder.Configuration, "Bulwark:Audit");
        var auditErrors = new RecordOptionsValidator<Bulwark.Gateway.Auditing.AuditOptions>(a => a.Validate()).Validate(null, auditOptions);
        if (auditErrors.Failed) throw new GatewayConfigurationException("invalid configuration: Bulwark:Audit: " + string.Join("; ", auditErrors.Failures));
        PrepareDataDirectories(options);
        // The slim builder forces the simple formatter; re-apply Logging:Console so Logging__Console__FormatterName=json selects JSON.
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(builder.Configuration.GetSection("Logging:Console"));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        builder.Services.AddSingleton(options);
        AddValidatedSection<Bulwark.Gateway.Access.AccessOptions>(builder, Bulwark.Gateway.Access.AccessOptions.Section, o => o.Validate());
        AddValidatedSection<Bulwark.Gateway.Access.Limits.LimitOptions>(builder, Bulwark.Gateway.Access.Limits.LimitOptions.Section, o => o.Validate());
        AddValidatedSection<Bulwark.Gateway.Access.Offenders.OffenderOptions>(builder, Bulwark.Gateway.Access.Offenders.OffenderOptions.Section, o => o.Validate());
        AddValidatedSection<Bulwark.Gateway.Auditing.AuditOptions>(builder, "Bulwark:Audit", o => o.Validate());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            k.AddServerHeader = false;
        });
        builder.Services.AddBulwarkGateway(options, builder.Configuration.GetSection("Bulwark:Detection").Get<Bulwark.Detection.DetectionOptions>(),
            Bulwark.Gateway.Pipeline.PolicyConfiguration.Read(builder.Configuration));
        Bulwark.Gateway.ExternalGuards.ExternalGuardServiceCollectionExtensions.AddBulwarkExternalGuards(builder.Services, builder.Configuration);

        // Access (keys, directives, kill switches, limits, propagation) and the audit log.
        Bulwark.Gateway.Access.AccessServiceCollectionExtensions.AddBulwarkAccess(builder.Services, options);
        // Bulwark:Audit binds the key paths: every node writing one shared store must use the same signing and HMAC keys.
        Bulwark.Gateway.Auditing.AuditServiceCollectionExtensions.AddBulwarkAudit(builder.Services, options, auditOptions);
        // Traces, metrics and the request log; wraps the access controller and audit appender registered above.
        Bulwark.Gateway.Telemetry.TelemetryServiceCollectionExtensions.AddBulwarkTelemetry(builder.Services, builder.Configuration);

        configureServices?.Invoke(builder.Services);
        // Registered after the audit log, so that it stops (and appends its last summaries) before the log closes.
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Bulwark.Gateway.Access.Limits.FailedAuthSummaryService>());

        var app = builder.Build();
        // Resolve the policies now: an unknown guard or policy name is a start-up error, not a per-request one.
        app.Services.GetRequiredService<Bulwark.Gateway.Pipeline.PolicyProvider>();
        // The client address must be settled before anything reads it (the failed-auth limiter, the audit summaries).
        app.UseBulwarkForwardedHeaders(options.ForwardedHeaders);
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

    /// <summary>The section as IOptions&lt;T&gt; with its rules as <see cref="IValidateOptions{TOptions}"/>, checked again when the host starts.</summary>
    private static void AddValidatedSection<T>(WebApplicationBuilder builder, string section, Func<T, IReadOnlyList<string>> rules) where T : class
    {
        builder.Services.AddSingleton<IValidateOptions<T>>(new RecordOptionsValidator<T>(rules));
        builder.Services.AddOptions<T>().Bind(builder.Configuration.GetSection(section)).ValidateOnStart();
    }

    private static T Bind<T>(IConfiguration configuration, string section) where T : new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            throw new GatewayConfigurationException("invalid configuration: " + ex.Message.Split('\n')[0]);
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
