using System.Text.RegularExpressions;

namespace Bulwark.Core.Detection.Signatures;

/// <summary>
/// One known attack or harmful-answer structure: a stable id (for example <c>BW-JB-001</c>), the category it
/// evidences, a weight (0..1: about 0.9 for a strong, unmistakable structure and about 0.5 for a weak hint), a
/// one-line rationale, and the pattern. When <see cref="Also"/> is set, it must match the same segment too.
/// </summary>
public sealed record Signature(string Id, string Category, double Weight, string Rationale, Regex Pattern, SignatureScope Scope = SignatureScope.Any)
{
    /// <summary>A second pattern that must also match the same segment (conjunction), or null.</summary>
    public Regex? Also { get; init; }

    public bool IsStrong => Weight >= 0.8;
}
