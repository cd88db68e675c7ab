using Bulwark.Detection.NGram;

namespace Bulwark.Detection.Semantic;

/// <summary>
/// Bounded windows for the encoder, sized in estimated word pieces (<see cref="TokenEstimate"/>), not characters,
/// because the encoder's cost grows with pieces. A text of up to <see cref="SingleWindowTokens"/> pieces (an ordinary
/// prompt of about 1.5 KB of English) is one pass. A longer text is cut into windows of about
/// <see cref="LongTextWindowTokens"/> pieces (at most <see cref="LongTextWindowCharacters"/> characters, at least
/// <see cref="MinWindowCharacters"/>), of which at most <see cref="MaxCandidates"/> are candidates (first, last and
/// evenly spaced); the classifier ranks the candidates by their n-gram scores and sends only the best ones, within a
/// per-request budget (<c>DetectionOptions.MaxSemanticWindows</c>). Texts that are mostly symbols and digit-letter
/// mixes (leetspeak, base64; more than <see cref="DensePiecesPerCharacter"/> pieces per character) are not sent at
/// all: the encoder cannot read them, and the normaliser's decoded views carry what they say.
/// </summary>
public static class SemanticWindows
{
    public const int SingleWindowTokens = 384;

    public const int LongTextWindowTokens = 128;

    public const int LongTextWindowCharacters = 600;

    public const int MinWindowCharacters = 96;

    public const int MaxCandidates = 32;

    /// <summary>Windows per text when <see cref="Split"/> is used without a ranking (training and tests).</summary>
    public const int MaxWindows = 8;

    public const double DensePiecesPerCharacter = 0.45;

    /// <summary>Texts shorter than this are never "dense" (a short code or name is fine to embed).</summary>
    public const int DenseMinCharacters = 64;

    /// <summary>True when the encoder should see the text at all (see the class remarks).</summary>
    public static bool IsReadable(string text) =>
        text.Length < DenseMinCharacters || TokenEstimate.Density(text) <= DensePiecesPerCharacter;

    /// <summary>Candidate windows (start, length) of a text; one window covering it all when it is short enough.</summary>
    public static (int Start, int Length)[] Candidates(string text, int maxCandidates = MaxCandidates)
    {
        var pieces = TokenEstimate.Count(text);
        if (pieces <= SingleWindowTokens) return [(0, text.Length)];
        var chars = (int)Math.Clamp((long)text.Length * LongTextWindowTokens / pieces, MinWindowCharacters, LongTextWindowCharacters);
        return HashedNGramModel.Windows(text.Length, chars, maxCandidates).ToArray();
    }

    /// <summary>Up to <paramref name="maxWindows"/> windows, first, last and evenly spaced.</summary>
    public static string[] Split(string text, int maxWindows = MaxWindows) =>
        Candidates(text, maxWindows).Select(w => text.Substring(w.Start, w.Length)).ToArray();
}
