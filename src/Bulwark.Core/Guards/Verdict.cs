namespace Bulwark.Core.Guards;

/// <summary>
/// The one answer everything downstream uses: the HTTP reply, metrics and the audit record.
/// </summary>
public sealed record Verdict
{
    public required GuardStage Stage { get; init; }

    public required GuardAction Action { get; init; }

    /// <summary>Highest score among the findings that decided the action (0 when clean).</summary>
    public double Score { get; init; }

    /// <summary>Categories that reached their policy threshold, in the order of the guards that decided.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Rule ids (signatures…) that fired.</summary>
    public IReadOnlyList<string> RuleIds { get; init; } = [];

    /// <summary>Short reason for a person, never containing the scanned text.</summary>
    public string Reason { get; init; } = "";

    public IReadOnlyList<GuardOutcome> Guards { get; init; } = [];

    public IReadOnlyList<string> Notes { get; init; } = [];

    public string PolicyName { get; init; } = "";

    public string PolicyHash { get; init; } = "";

    public double Milliseconds { get; init; }

    /// <summary>When the action is Redact: the values to mask and their placeholders (in memory only, never audited).</summary>
    public IReadOnlyList<Redaction> Redactions { get; init; } = [];

    public bool IsBlocked => Action == GuardAction.Block;

    public static Verdict Allowed(GuardStage stage) => new() { Stage = stage, Action = GuardAction.Allow };
}
