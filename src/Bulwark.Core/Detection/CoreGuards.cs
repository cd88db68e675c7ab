using Bulwark.Core.Detection.Limits;
using Bulwark.Core.Detection.Normalization;
using Bulwark.Core.Detection.Pii;
using Bulwark.Core.Detection.Signatures;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bulwark.Core.Detection;

/// <summary>The guards that live in Bulwark.Core: limits, normalize, signatures, output_signatures and pii.</summary>
public static class CoreGuards
{
    /// <summary>Registers the core guards, the text normaliser and the <see cref="GuardPipeline"/> as DI singletons.</summary>
    public static IServiceCollection AddBulwarkCoreGuards(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        // A factory, not TryAddSingleton<ITextNormalizer, TextNormalizer>(): DI would pick the widest constructor, whose
        // IEnumerable<ITextDecoder> resolves empty, and the gateway would normalise without a single decoder.
        services.TryAddSingleton<ITextNormalizer>(_ => new TextNormalizer());
        services.TryAddSingleton(sp => new GuardPipeline(sp.GetRequiredService<ITextNormalizer>(), sp.GetRequiredService<TimeProvider>()));
        return services
            .AddBulwarkGuard<LimitsGuard>()
            .AddBulwarkGuard<NormalizationGuard>()
            .AddBulwarkGuard<SignatureGuard>()
            .AddBulwarkGuard<OutputSignatureGuard>()
            .AddBulwarkGuard<PiiGuard>();
    }

    /// <summary>Adds the core guards to a registry built by hand (tools and tests without DI).</summary>
    public static GuardRegistry RegisterCoreGuards(GuardRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .Add(new LimitsGuard())
            .Add(new NormalizationGuard())
            .Add(new SignatureGuard())
            .Add(new OutputSignatureGuard())
            .Add(new PiiGuard());
    }
}
