using Bulwark.Core.Access;
using Bulwark.Gateway.Access.Admin;
using Bulwark.Gateway.Access.Limits;
using Bulwark.Gateway.Access.Offenders;
using Bulwark.Gateway.Access.Propagation;
using Bulwark.Gateway.Access.Stores;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bulwark.Gateway.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>
    /// Registers access control: the store from <c>Bulwark:Store</c>, the bus from <c>Bulwark:Bus</c> (Redis: shared
    /// propagation, rate counters and offender windows; empty: in-process), <see cref="IAccessController"/>,
    /// <see cref="IAccessHealth"/> (for /readyz), the propagation hosted service and <see cref="AccessAdministration"/>.
    /// Reads Bulwark:Access, Bulwark:Limits and Bulwark:Offenders from the registered IConfiguration, if any.
    /// </summary>
    public static IServiceCollection AddBulwarkAccess(this IServiceCollection services, BulwarkOptions options)
    {
        services.AddSingleton(sp => AccessSettings.Load(sp.GetService<IConfiguration>()));
        services.AddSingleton(sp => sp.GetRequiredService<AccessSettings>().Limits);
        services.AddSingleton(sp => sp.GetRequiredService<AccessSettings>().Offenders);
        services.AddSingleton<IAccessStore>(_ => StoreUri.Open(options.Store));
        if (options.Bus.Length > 0)
        {
            services.AddSingleton(_ => new RedisConnection(options.Bus));
            services.AddSingleton<IAccessBus>(sp => new RedisAccessBus(sp.GetRequiredService<RedisConnection>()));
            services.AddSingleton<IRateCounter>(sp => new RedisRateCounter(sp.GetRequiredService<RedisConnection>()));
            services.AddSingleton<IBlockWindow>(sp => new RedisBlockWindow(sp.GetRequiredService<RedisConnection>()));
        }
        else
        {
            services.AddSingleton<IAccessBus, LocalAccessBus>();
            services.AddSingleton<IRateCounter, InProcessRateCounter>();
            services.AddSingleton<IBlockWindow, InProcessBlockWindow>();
        }
        services.AddSingleton<WithdrawalRegistry>();
        services.AddSingleton<LastUsedRecorder>();
        services.AddSingleton(sp => new AccessStateManager(
            sp.GetRequiredService<IAccessStore>(), options, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<WithdrawalRegistry>()));
        services.AddSingleton<IAccessHealth>(sp => sp.GetRequiredService<AccessStateManager>());
        services.AddSingleton<IAccessChangeNotifier>(sp => new AccessChangeNotifier(
            sp.GetRequiredService<IAccessBus>(), sp.GetRequiredService<AccessStateManager>(), sp.GetService<ILogger<AccessChangeNotifier>>()));
        services.AddSingleton(sp => new AccessAuditor(() => sp.GetService<IAuditAppender>()));
        services.AddSingleton(sp => new RateLimiter(
            sp.GetRequiredService<IRateCounter>(), sp.GetRequiredService<LimitOptions>(), sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetService<ILogger<RateLimiter>>()));
        services.AddSingleton(sp => new FailedAuthLimiter(sp.GetRequiredService<LimitOptions>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(sp => new OffenderTracker(
            sp.GetRequiredService<IBlockWindow>(), sp.GetRequiredService<OffenderOptions>(), sp.GetRequiredService<IAccessStore>(),
            sp.GetRequiredService<IAccessChangeNotifier>(), sp.GetRequiredService<AccessStateManager>(), sp.GetRequiredService<AccessAuditor>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetService<ILogger<OffenderTracker>>()));
        services.AddSingleton(sp => new FailedAuthSummary(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(sp => new FailedAuthSummaryService(
            sp.GetRequiredService<FailedAuthSummary>(), sp.GetRequiredService<AccessAuditor>(), sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILogger<FailedAuthSummaryService>>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<FailedAuthSummaryService>.Instance));
        services.AddSingleton(sp => new AccessController(
            sp.GetRequiredService<AccessStateManager>(), sp.GetRequiredService<WithdrawalRegistry>(), sp.GetRequiredService<LastUsedRecorder>(),
            sp.GetRequiredService<RateLimiter>(), sp.GetRequiredService<FailedAuthLimiter>(), sp.GetRequiredService<OffenderTracker>(),
            options, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<FailedAuthSummary>()));
        services.AddSingleton<IAccessController>(sp => sp.GetRequiredService<AccessController>());
        services.AddSingleton(sp => new AccessAdministration(
            sp.GetRequiredService<IAccessStore>(), sp.GetRequiredService<IAccessChangeNotifier>(), sp.GetRequiredService<AccessAuditor>(),
            options, sp.GetRequiredService<AccessSettings>().Access, sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<OffenderTracker>()));
        services.AddSingleton<AccessPropagationService>();
        services.AddHostedService(sp => sp.GetRequiredService<AccessPropagationService>());
        return services;
    }

    /// <summary>
    /// Called by <c>serve</c> at start: when the store holds no live admin key, creates the principal "admin" with an admin
    /// key and returns that key (print it once); otherwise null. Migrates the store first. The creation is audited when an
    /// audit log is configured (and refused when it is configured but fails).
    /// </summary>
    public static async Task<string?> EnsureBootstrapAdminKeyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IAccessStore>();
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        await store.MigrateAsync(cancellationToken);
        var snapshot = await store.LoadAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (snapshot.Keys.Any(k => k.IsAdmin && k.IsLiveAt(now))) return null;
        var admin = services.GetRequiredService<AccessAdministration>();
        var result = await admin.CreateKeyAsync(
            new AdminActor("bootstrap", "bootstrap-" + Guid.NewGuid().ToString("N"), RequireAudit: false),
            new CreateKeyRequest("admin", ["admin"], [], IsAdmin: true, IsAuditor: true, Expires: null),
            cancellationToken);
        if (!result.Ok) throw new InvalidOperationException("could not create the bootstrap admin key: " + result.Error);
        return result.Body!["key"]!.GetValue<string>();
    }
}
