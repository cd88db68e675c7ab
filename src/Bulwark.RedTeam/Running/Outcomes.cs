using Bulwark.RedTeam.Targets;

namespace Bulwark.RedTeam.Running;

/// <summary>The <c>outcome</c> strings of <c>results.jsonl</c>.</summary>
public static class Outcomes
{
    public const string Answered = "answered";
    public const string BlockedInput = "blocked_input";
    public const string BlockedOutput = "blocked_output";
    public const string RateLimited = "rate_limited";
    public const string Failed = "failed";

    public static string Of(TargetOutcome outcome) => outcome switch
    {
        TargetOutcome.Answered => Answered,
        TargetOutcome.BlockedInput => BlockedInput,
        TargetOutcome.BlockedOutput => BlockedOutput,
        TargetOutcome.RateLimited => RateLimited,
        _ => Failed,
    };
}
