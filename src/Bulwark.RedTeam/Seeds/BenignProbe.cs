namespace Bulwark.RedTeam.Seeds;

/// <summary>A harmless request that looks borderline on purpose; blocking it counts as over-refusal.</summary>
public sealed record BenignProbe(string Id, string Category, string Text);
