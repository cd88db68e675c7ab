namespace Bulwark.RedTeam.Targets;

/// <summary>
/// What came back for one request: the outcome, the HTTP status (0 when nothing answered), the text the client received,
/// the categories and score the target revealed, and for 429 how long to wait.
/// </summary>
public sealed record TargetReply(TargetOutcome Outcome, int Status, string Received)
{
    public IReadOnlyList<string> Categories { get; init; } = [];

    public double? Score { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The error code or message for <see cref="TargetOutcome.Failed"/>.</summary>
    public string? Error { get; init; }

    public bool InputPassed => Outcome is TargetOutcome.Answered or TargetOutcome.BlockedOutput;

    public bool Refused => Outcome is TargetOutcome.BlockedInput or TargetOutcome.BlockedOutput;
}
