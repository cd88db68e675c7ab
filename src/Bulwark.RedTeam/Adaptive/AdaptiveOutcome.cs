namespace Bulwark.RedTeam.Adaptive;

/// <summary>Per goal, the query on which the adaptive search first succeeded (null: not within the budget), and the queries spent.</summary>
public sealed record AdaptiveOutcome(string GoalId, int? QueriesToSuccess, int QueriesSpent, string? WinningChain);
