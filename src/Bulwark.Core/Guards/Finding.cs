namespace Bulwark.Core.Guards;

/// <summary>
/// One thing a guard found: a category from <see cref="Categories"/>, a score in 0..1, and optionally
/// the id of the rule (for example a signature id) that produced it.
/// </summary>
public sealed record Finding(string Category, double Score, string? RuleId = null, string? Detail = null);
