using Bulwark.Core.Guards;

namespace Bulwark.Core.Policies;

/// <summary>A category rule as configured (<c>Categories:&lt;category&gt;</c>); unset fields keep the extended policy's values.</summary>
public sealed record CategoryRuleSpec
{
    public double? FlagAt { get; init; }

    public double? BlockAt { get; init; }

    public GuardAction? Action { get; init; }

    public CategoryRule ApplyTo(CategoryRule inherited)
    {
        var blockAt = BlockAt ?? inherited.BlockAt;
        // Only BlockAt given: no flag band below it unless the inherited one still fits.
        var flagAt = FlagAt ?? Math.Min(inherited.FlagAt, blockAt);
        return new CategoryRule(flagAt, blockAt, Action ?? inherited.Action);
    }
}
