using Bulwark.Core.Guards;

namespace Acme.Guards;

/// <summary>
/// A third-party guard, written outside Bulwark: it reports answers and prompts that name a competitor, in its own
/// category "acme.competitor" (plug-in categories carry a dot). It never decides: a policy that adds it
/// (<c>Guards:Add: ["acme_competitor"]</c>) sets what the category does (Flag, Block…).
/// </summary>
public sealed class CompetitorGuard(CompetitorGuardOptions options) : IGuard
{
    public const string GuardName = "acme_competitor";
    public const string Category = "acme.competitor";

    public string Name => GuardName;

    public GuardStages Stages => GuardStages.Both;

    public GuardPlacement Placement => GuardPlacement.AfterNormalization;

    public bool Offload => false;

    public ValueTask WarmUpAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<GuardResult> InspectAsync(GuardContext context, CancellationToken cancellationToken)
    {
        foreach (var segment in context.Segments)
        {
            foreach (var name in options.Names)
            {
                if (segment.Text.Contains(name, StringComparison.OrdinalIgnoreCase))
                    return ValueTask.FromResult(GuardResult.Of(new Finding(Category, 1.0, "ACME-COMP-001")));
            }
        }
        return ValueTask.FromResult(GuardResult.Clean);
    }
}
