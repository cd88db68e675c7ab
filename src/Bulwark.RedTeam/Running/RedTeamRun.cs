using Bulwark.RedTeam.Adaptive;

namespace Bulwark.RedTeam.Running;

/// <summary>Everything a run produced: every attempt (as written to results.jsonl) and, when run, the adaptive outcomes.</summary>
public sealed record RedTeamRun(IReadOnlyList<AttemptResult> Attempts, IReadOnlyList<AdaptiveOutcome>? Adaptive, int Budget, int RateLimitedResponses, TimeSpan Duration);
