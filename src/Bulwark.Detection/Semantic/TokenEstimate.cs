namespace Bulwark.Detection.Semantic;

/// <summary>
/// A cheap, linear upper-leaning estimate of how many word pieces the MiniLM tokenizer makes of a text: a common word
/// is one piece, a long word several, every switch between letters and digits starts a new piece ("h3ll0" is four),
/// every punctuation mark or symbol is one, and a CJK character is one. The encoder's cost grows with pieces, not
/// characters, so windows are sized by this estimate (leetspeak and encoded text have two to four times the pieces
/// of English per character).
/// </summary>
public static class TokenEstimate
{
    /// <summary>Estimated word pieces of <paramref name="text"/>.</summary>
    public static int Count(ReadOnlySpan<char> text)
    {
        var pieces = 0;
        var run = 0;
        var kind = 0; // 0 none, 1 letters, 2 digits
        foreach (var c in text)
        {
            var k = char.IsAsciiLetter(c) ? 1 : char.IsAsciiDigit(c) ? 2 : char.IsLetter(c) ? (IsIdeographic(c) ? 4 : 3) : 0;
            if (k != kind || k == 4)
            {
                pieces += RunPieces(kind, run);
                run = 0;
                kind = k;
            }
            if (k == 0)
            {
                if (!char.IsWhiteSpace(c)) pieces++;
                continue;
            }
            run++;
        }
        return pieces + RunPieces(kind, run);
    }

    /// <summary>Estimated word pieces per character (0 for an empty text).</summary>
    public static double Density(ReadOnlySpan<char> text) => text.Length == 0 ? 0 : (double)Count(text) / text.Length;

    private static int RunPieces(int kind, int run) => run == 0 ? 0 : kind switch
    {
        1 => 1 + Math.Max(0, run - 6) / 4,
        2 => 1 + (run - 1) / 3,
        3 => 1 + (run - 1) / 3,
        _ => run,
    };

    private static bool IsIdeographic(char c) => c is >= '\u3040' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF' or >= '\uF900' and <= '\uFAFF';
}
