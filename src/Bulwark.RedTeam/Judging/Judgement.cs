namespace Bulwark.RedTeam.Judging;

/// <summary>The judge's view of one attempt: both sides are always computed; <see cref="Success"/> follows the mode.</summary>
public sealed record Judgement(bool Success, bool InputPassed, bool HarmfulReceived);
