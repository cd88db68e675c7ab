using Bulwark.Detection.NGram;

namespace Bulwark.Detection.Semantic;

/// <summary>
/// Bounded windows for the encoder. A text of up to <see cref="WindowCharacters"/> characters (about 380 word-piece
/// tokens; the encoder's limit is 512) is one pass, so an ordinary prompt of a kilobyte or so costs one encoder call,
/// not two. Longer texts are cut into windows of <see cref="LongTextWindowCharacters"/> characters (attention cost grows
/// faster than linearly with window length), at most <see cref="MaxWindows"/> per text (first, last and evenly spaced),
/// so that a 100k-character prompt costs at most eight short encoder passes.
/// </summary>
public static class SemanticWindows
{
    public const int WindowCharacters = 1500;

    public const int LongTextWindowCharacters = 1000;

    public const int MaxWindows = 8;

    public static string[] Split(string text, int maxWindows = MaxWindows)
    {
        if (text.Length <= WindowCharacters) return [text];
        return HashedNGramModel.Windows(text.Length, LongTextWindowCharacters, maxWindows)
            .Select(w => text.Substring(w.Start, w.Length)).ToArray();
    }
}
