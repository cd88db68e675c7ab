using Bulwark.Core.Detection;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Detection;
using Bulwark.Core.Detection.Normalization;

namespace Bulwark.Extensions.AI;

/// <summary>
/// What a <see cref="BulwarkChatClient"/> runs: the guard pipeline, the policy in force (resolved and validated once) and
/// the optional audit log. Built from DI (<c>AddBulwark()</c>) or, without DI, on a private service collection with the
/// core and learned guards. An unknown policy name, an Extends cycle or a bad threshold throws when it is built.
/// </summary>
public sealed class BulwarkRuntime
{
    public BulwarkRuntime(GuardRegistry registry, GuardPipeline pipeline, BulwarkChatClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        var specs = new Dictionary<string, PolicySpec>(options.Policies, StringComparer.Ordinal);
        var (definitions, errors) = PolicyCatalog.Resolve(specs, registry.StagesOf);
        if (errors.Count > 0) throw new ArgumentException("invalid Bulwark policies: " + string.Join("; ", errors), nameof(options));
        var name = DefaultPolicies.ByName(options.Policy)?.Name ?? options.Policy;
        if (!definitions.TryGetValue(name, out var definition))
            throw new ArgumentException($"unknown policy '{options.Policy}' (known: {string.Join(", ", definitions.Keys.Order(StringComparer.Ordinal))})", nameof(options));
        Policy = registry.Build(definition);
        Pipeline = pipeline;
        Options = options;
        Audit = options.AuditLogPath is { Length: > 0 } path ? new LocalAuditLog(path) : null;
    }

    public Policy Policy { get; }

    public GuardPipeline Pipeline { get; }

    public BulwarkChatClientOptions Options { get; }

    public LocalAuditLog? Audit { get; }

    private Task? _warmedUp;

    /// <summary>
    /// Warms the guards once (the first call awaits it, so model loading never counts against a guard's timeout). A
    /// guard that fails to warm up is left to fail closed on the call itself.
    /// </summary>
    public Task EnsureWarmedUpAsync() => LazyInitializer.EnsureInitialized(ref _warmedUp, async () =>
    {
        foreach (var guard in Policy.InputGuards.Concat(Policy.OutputGuards).Distinct())
        {
            try
            {
                await guard.WarmUpAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The guard will throw again when it runs, and the policy's OnGuardError applies there.
            }
        }
    });

    /// <summary>Loads every guard of the policy (weights, ONNX session, compiled patterns) before the first call.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        foreach (var guard in Policy.InputGuards.Concat(Policy.OutputGuards).Distinct())
            await guard.WarmUpAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A runtime of its own: the core guards, the learned guards on embedded weights, and the options' clock.</summary>
    public static BulwarkRuntime Create(BulwarkChatClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var registry = DetectionGuards.AddTo(CoreGuards.RegisterCoreGuards(new GuardRegistry()), options.Detection);
        return new BulwarkRuntime(registry, new GuardPipeline(new TextNormalizer(), options.TimeProvider), options);
    }
}
