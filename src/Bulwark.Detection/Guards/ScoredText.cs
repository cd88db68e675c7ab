namespace Bulwark.Detection.Guards;

/// <summary>One text the classifier scores, why (user turn, untrusted data, whole conversation…), and its scores per head.</summary>
internal sealed class ScoredText(string text, string scope, bool untrusted, bool system)
{
    public string Text { get; } = text;

    public string Scope { get; } = scope;

    public bool Untrusted { get; } = untrusted;

    public bool System { get; } = system;

    public float[] NGram { get; set; } = [];

    public float[]? Semantic { get; set; }
}
