using Bulwark.Gateway.Auditing.Content;
using Bulwark.Gateway.Auditing.Stores;
using Bulwark.Gateway.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bulwark.Gateway.Auditing;

public static class AuditServiceCollectionExtensions
{
    private const string WitnessHttpClient = "bulwark-witness";

    /// <summary>
    /// Registers the audit log: <see cref="IAuditStore"/> (from <c>Store</c>), <see cref="IAuditAppender"/>
    /// (<see cref="BatchingAuditAppender"/>), <see cref="AuditCheckpointer"/>, <see cref="IContentCommitter"/>,
    /// <see cref="AuditContentVault"/> when <c>StoreContent</c> is on, and the hosted service that runs them.
    /// Key files are created in <c>DataDirectory</c> on first start.
    /// </summary>
    public static IServiceCollection AddBulwarkAudit(this IServiceCollection services, BulwarkOptions options, AuditOptions? audit = null)
    {
        audit ??= new AuditOptions();
        var errors = audit.Validate();
        if (errors.Count > 0) throw new ArgumentException("invalid audit settings: " + string.Join("; ", errors));
        var dataDir = options.DataDirectory;
        services.AddSingleton(audit);
        services.AddSingleton<IAuditStore>(_ => AuditStoreFactory.Create(options.Store));
        services.AddSingleton(_ => AuditKeyFiles.LoadOrCreateSigner(audit.SigningKeyPath ?? Path.Combine(dataDir, "audit-signing.key"), KeyNameFor(options.AuditOrigin)));
        services.AddSingleton(sp => new AuditCheckpointer(
            sp.GetRequiredService<IAuditStore>(),
            sp.GetRequiredService<Bulwark.Audit.Notes.NoteSigner>(),
            options.AuditOrigin,
            options.CheckpointInterval,
            options.CheckpointEvery,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<AuditCheckpointer>>(),
            sp.GetService<Witnesses.CheckpointCosigner>()));
        if (audit.Witnesses.Count > 0)
        {
            services.AddHttpClient(WitnessHttpClient);
            services.AddSingleton(sp =>
            {
                var factory = sp.GetRequiredService<IHttpClientFactory>();
                var time = sp.GetService<TimeProvider>() ?? TimeProvider.System;
                var clients = audit.Witnesses.OrderBy(w => w.Key, StringComparer.Ordinal)
                    .Select(w => new Witnesses.WitnessClient(w.Key, w.Value, Bulwark.Audit.Witness.WitnessVerifier.Parse(w.Value.Key), factory.CreateClient(WitnessHttpClient), time))
                    .ToArray();
                return new Witnesses.CheckpointCosigner(clients, audit.WitnessQuorum, sp.GetRequiredService<ILogger<Witnesses.CheckpointCosigner>>());
            });
        }
        services.AddSingleton(sp => new BatchingAuditAppender(
            sp.GetRequiredService<IAuditStore>(), audit, sp.GetRequiredService<ILogger<BatchingAuditAppender>>(), sp.GetRequiredService<AuditCheckpointer>()));
        services.AddSingleton<IAuditAppender>(sp => sp.GetRequiredService<BatchingAuditAppender>());
        services.AddSingleton<IContentCommitter>(_ => new HmacContentCommitter(AuditKeyFiles.LoadOrCreateSecret(audit.HmacKeyPath ?? Path.Combine(dataDir, "audit-hmac.key"))));
        if (options.StoreContent)
        {
            services.AddSingleton(sp => new AuditContentVault(
                sp.GetRequiredService<IAuditStore>(),
                AuditKeyFiles.LoadOrCreateSecret(audit.ContentKeyPath ?? Path.Combine(dataDir, "audit-content.key")),
                sp.GetService<TimeProvider>() ?? TimeProvider.System));
        }
        services.AddSingleton<IHostedService, AuditHostedService>();
        return services;
    }

    /// <summary>A signed-note key name from the origin: no '+' or white space.</summary>
    public static string KeyNameFor(string origin)
    {
        var chars = origin.Select(c => c == '+' || char.IsWhiteSpace(c) || char.IsControl(c) ? '-' : c).ToArray();
        var name = new string(chars);
        return name.Length == 0 ? "bulwark-audit" : name;
    }
}
