using System.Text;
using Bulwark.Core.Detection.Normalization;

namespace Bulwark.Core.Detection.Decoding;

/// <summary>
/// Spaced or punctuated letters ("i g n o r e", "i.g.n.o.r.e", "i-g-n-o-r-e"): runs of at least 4 single letters
/// joined by one separator are collapsed; a wider gap (two spaces, " / ") separates words; a collapsed run without
/// gaps is split into English words where it can be ("ignoreallprevious" → "ignore all previous"). The view is kept
/// when a collapsed run of at least 5 letters contains an English word of 4+ letters ("a, b, c, d" stays).
/// </summary>
public sealed class SpacedLettersDecoder : ITextDecoder
{
    public const int MinLetters = 4;

    private static readonly System.Buffers.SearchValues<char> AsciiLettersAndDigits =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    public string Name => "spaced";

    public void Decode(string text, DecodeSink sink)
    {
        StringBuilder? output = null;
        var copied = 0;
        var runs = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i]) && char.IsAsciiLetterOrDigit(text[i + 1]))
            {
                // Inside a word of two or more letters no position is a single letter: skip the word in one step.
                var word = text.AsSpan(i).IndexOfAnyExcept(AsciiLettersAndDigits);
                i = word < 0 ? text.Length : i + word;
                continue;
            }
            if (!IsSingleLetterAt(text, i)) { i++; continue; }
            var start = i;
            // Most runs are a lone "a" or "7": count the letters first and build the run only when it is long enough.
            var runEnd = ScanRun(text, i, out var runLetters);
            if (runLetters < MinLetters)
            {
                i = Math.Max(runEnd, i + 1);
                continue;
            }
            var letters = new StringBuilder();
            var j = i;
            var end = i;
            while (j < text.Length && IsSingleLetterAt(text, j))
            {
                letters.Append(char.ToLowerInvariant(text[j]));
                end = j + 1;
                var k = j + 1;
                var gap = 0;
                var sep = '\0';
                while (k < text.Length && IsSeparator(text[k]) && gap < 4)
                {
                    if (sep == '\0') sep = text[k];
                    gap++;
                    k++;
                }
                if (gap == 0 || k >= text.Length || !char.IsLetterOrDigit(text[k])) break;
                if (gap >= 2 || sep == '/') letters.Append(' ');
                j = k;
            }
            i = Math.Max(end, i + 1);
            var collapsed = letters.ToString();
            var letterCount = collapsed.Replace(" ", "", StringComparison.Ordinal).Length;
            if (letterCount < MinLetters) continue;
            var words = Segment(collapsed);
            if (letterCount < 5 || !HasLongWord(words)) continue;
            output ??= new StringBuilder(text.Length);
            output.Append(text, copied, start - copied).Append(words);
            copied = end;
            runs++;
        }
        if (output is null) return;
        output.Append(text, copied, text.Length - copied);
        sink.Notes.Add(NormalizationNotes.SpacedLetters, runs);
        sink.Add(output.ToString(), Name);
    }

    /// <summary>The run of single letters starting at <paramref name="i"/>, walked as <see cref="Decode"/> walks it: its end and its number of letters.</summary>
    private static int ScanRun(string text, int i, out int letters)
    {
        letters = 0;
        var j = i;
        var end = i;
        while (j < text.Length && IsSingleLetterAt(text, j))
        {
            letters++;
            end = j + 1;
            var k = j + 1;
            var gap = 0;
            while (k < text.Length && IsSeparator(text[k]) && gap < 4)
            {
                gap++;
                k++;
            }
            if (gap == 0 || k >= text.Length || !char.IsLetterOrDigit(text[k])) break;
            j = k;
        }
        return end;
    }

    /// <summary>Splits each space-free part into English words by dynamic programming when it can be split fully.</summary>
    public static string Segment(string collapsed)
    {
        var parts = collapsed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var sb = new StringBuilder(collapsed.Length + 8);
        foreach (var part in parts)
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(part.Length is >= 6 and <= 256 ? SplitWords(part) ?? part : part);
        }
        return sb.ToString();
    }

    private static string? SplitWords(string s)
    {
        var n = s.Length;
        var best = new int[n + 1];
        var from = new int[n + 1];
        Array.Fill(best, int.MaxValue);
        best[0] = 0;
        for (var end = 1; end <= n; end++)
        {
            for (var len = 1; len <= Math.Min(EnglishWords.MaxWordLength, end); len++)
            {
                var start = end - len;
                if (best[start] == int.MaxValue) continue;
                var piece = s.AsSpan(start, len);
                if (!(EnglishWords.Contains(piece) || (len == 1 && piece[0] is 'a' or 'i'))) continue;
                var cost = best[start] + 1;
                if (cost < best[end]) { best[end] = cost; from[end] = start; }
            }
        }
        if (best[n] == int.MaxValue) return null;
        var words = new List<string>();
        for (var end = n; end > 0; end = from[end]) words.Add(s[from[end]..end]);
        words.Reverse();
        return string.Join(' ', words);
    }

    private static bool HasLongWord(string words)
    {
        foreach (var w in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (w.Length >= 4 && EnglishWords.Contains(w)) return true;
        }
        return false;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsSingleLetterAt(string text, int i) =>
        char.IsAsciiLetterOrDigit(text[i])
        && (i == 0 || !char.IsAsciiLetterOrDigit(text[i - 1]))
        && (i + 1 >= text.Length || !char.IsAsciiLetterOrDigit(text[i + 1]));

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsSeparator(char c) => c is ' ' or '.' or '-' or '_' or '*' or '|' or '/' or ',' or '+' or '~' or '\u00B7';
}
