using Bulwark.Core.Guards;

namespace Bulwark.Core.Detection.Signatures;

/// <summary>
/// Turns findings into a result. A policy has one threshold per category, so a finding that does not reach its
/// category's threshold would otherwise vanish; when it is at least the flag floor, and the policy neither allows the
/// category nor only flags it below the floor anyway, the result forces a Flag (never a Block).
/// </summary>
public static class WeakHits
{
    public static GuardResult ToResult(List<Finding> findings, GuardContext context, double flagFloor, string reason)
    {
        if (findings.Count == 0) return GuardResult.Clean;
        var definition = context.Policy.Definition;
        GuardAction? forced = null;
        foreach (var f in findings)
        {
            var rule = definition.RuleFor(f.Category);
            if (rule.Action == GuardAction.Allow) continue;
            if (f.Score >= flagFloor && f.Score < rule.Threshold) { forced = GuardAction.Flag; break; }
        }
        var categories = new List<string>(2);
        foreach (var f in findings)
        {
            if (!categories.Contains(f.Category)) categories.Add(f.Category);
        }
        return new GuardResult
        {
            Findings = findings,
            ForcedAction = forced,
            Reason = $"{reason}: {string.Join(", ", categories)}",
        };
    }
}
