using Bulwark.Detection.NGram;

namespace Bulwark.Detection.Semantic;

/// <summary>
/// Bounded windows for the encoder: about 380 word-piece tokens (≈ <see cref="WindowCharacters"/> characters; the
/// encoder's limit is 512) each, so that an ordinary prompt of a kilobyte or so is one encoder pass, not two,
/// at most <see cref="MaxWindows"/> per text (first, last and evenly spaced), so that a 100k-character prompt
/// costs at most eight encoder passes.
/// </summary>
public static class SemanticWindows
{
    public const int WindowCharacters = 1500;

    public const int MaxWindows = 8;

    public static string[] Split(string text, int maxWindows = MaxWindows)
    {
        if (text.Length <= WindowCharacters) return [text];
        return HashedNGramModel.Windows(text.Length, WindowCharacters, maxWindows)
            .Select(w => text.Substring(w.Start, w.Length)).ToArray();
    }
}
