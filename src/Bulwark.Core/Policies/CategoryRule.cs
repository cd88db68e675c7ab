using Bulwark.Core.Guards;

namespace Bulwark.Core.Policies;

/// <summary>
/// For one category: a score at or above <see cref="BlockAt"/> takes <see cref="Action"/> (Block, Flag, Redact for
/// PII, or Allow: never act); a score at or above <see cref="FlagAt"/> but under <see cref="BlockAt"/> flags (unless the
/// action is Allow). <c>FlagAt == BlockAt</c> means no flag band.
/// </summary>
public sealed record CategoryRule(double FlagAt, double BlockAt, GuardAction Action = GuardAction.Block)
{
    /// <summary>A rule without a flag band: <paramref name="action"/> at <paramref name="threshold"/>.</summary>
    public CategoryRule(GuardAction action, double threshold) : this(threshold, threshold, action)
    {
    }

    public GuardAction ActionFor(double score)
    {
        if (Action == GuardAction.Allow || double.IsNaN(score)) return GuardAction.Allow;
        if (score >= BlockAt) return Action;
        return score >= FlagAt ? GuardAction.Flag : GuardAction.Allow;
    }

    /// <summary>The problems with this rule (for the category named), empty when valid.</summary>
    public IEnumerable<string> Problems(string category)
    {
        if (FlagAt is < 0 or > 1 || double.IsNaN(FlagAt)) yield return $"FlagAt for '{category}' must be in 0..1";
        if (BlockAt is < 0 or > 1 || double.IsNaN(BlockAt)) yield return $"BlockAt for '{category}' must be in 0..1";
        if (FlagAt > BlockAt) yield return $"FlagAt for '{category}' must not exceed its BlockAt";
        if (Action == GuardAction.Redact && category != Categories.Pii) yield return $"Action Redact is only for category '{Categories.Pii}' (got '{category}')";
    }
}
