namespace Bulwark.Core.Guards;

/// <summary>One guard's part in a verdict: what it found, what action that maps to, and how long it took.</summary>
public sealed record GuardOutcome(
    string Name,
    GuardAction Action,
    double Score,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> RuleIds,
    double Milliseconds,
    string? Error = null)
{
    public bool Failed => Error is not null;
}
