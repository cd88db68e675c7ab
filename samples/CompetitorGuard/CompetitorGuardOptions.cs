namespace Acme.Guards;

/// <summary>The competitor names to look for (matched case-insensitively in normalised text).</summary>
public sealed record CompetitorGuardOptions(IReadOnlyList<string> Names);
