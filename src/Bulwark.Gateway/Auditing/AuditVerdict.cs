using Bulwark.Core.Guards;

namespace Bulwark.Gateway.Auditing;

/// <summary>A verdict as recorded in the audit log: no text, only decisions, scores and timings.</summary>
public sealed record AuditVerdict(
    string Action,
    double Score,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> RuleIds,
    IReadOnlyList<AuditGuard> Guards)
{
    public static AuditVerdict From(Verdict v) => new(
        v.Action.ToString().ToLowerInvariant(),
        Math.Round(v.Score, 4),
        v.Categories,
        v.RuleIds,
        v.Guards.Select(g => new AuditGuard(g.Name, g.Action.ToString().ToLowerInvariant(), Math.Round(g.Score, 4), g.Categories, g.Error)).ToArray());
}
