using System.Buffers;
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

    private readonly IReadOnlyList<string>? _anchors;

    /// <summary>
    /// Lower-case literals of which at least one occurs in every text the pattern matches. The matcher looks for them
    /// with a vectorised multi-string search and skips the regex when none occurs (most benign text).
    /// </summary>
    public IReadOnlyList<string>? Anchors
    {
        get => _anchors;
        init
        {
            _anchors = value;
            AnchorSearch = value is { Count: > 0 } ? SearchValues.Create(value.ToArray(), StringComparison.Ordinal) : null;
        }
    }

    /// <summary>The compiled <see cref="Anchors"/>, or null to always run the pattern.</summary>
    public SearchValues<string>? AnchorSearch { get; private init; }

    public bool IsStrong => Weight >= 0.8;
}
