using Bulwark.Core.Detection.Limits;
using Bulwark.Core.Detection.Normalization;
using Bulwark.Core.Detection.Signatures;
using Bulwark.Core.Policies;

namespace Bulwark.Core.Detection;

/// <summary>Registers the guards that live in Bulwark.Core: limits, normalize, signatures, output_signatures.</summary>
public static class CoreGuards
{
    public static GuardRegistry RegisterCoreGuards(GuardRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        SignatureCatalog.WarmUp();
        return registry
            .Add(new LimitsGuard())
            .Add(new NormalizationGuard())
            .Add(new SignatureGuard())
            .Add(new OutputSignatureGuard());
    }
}
