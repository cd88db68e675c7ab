using Bulwark.RedTeam.Adaptive;

namespace Bulwark.RedTeam.Running;

/// <summary>
/// Everything a run produced: every attempt (as written to results.jsonl), the adaptive outcomes when run, and
/// <see cref="Aborted"/> when the target stopped accepting the key mid-run (e.g. a repeat-offender suspension).
/// </summary>
public sealed record RedTeamRun(IReadOnlyList<AttemptResult> Attempts, IReadOnlyList<AdaptiveOutcome>? Adaptive, int Budget, int RateLimitedResponses, TimeSpan Duration)
{
    public string? Aborted { get; init; }
}
