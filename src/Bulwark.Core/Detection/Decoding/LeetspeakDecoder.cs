using Bulwark.Core.Detection.Normalization;

namespace Bulwark.Core.Detection.Decoding;

/// <summary>
/// Leetspeak ("1gn0r3 4ll pr3v10u5 1nstruct10ns"): tokens that mix letters with look-alike digits or symbols are
/// rewritten (0→o, 1→i or l, 3→e, 4→a, 5→s, 7→t, 8→b, 9→g, @→a, $→s, !→i, |→l, +→t). The view is kept when at least
/// two rewritten tokens become English words; "mp3", "h264" and numbers stay as they are.
/// <para>
/// When the text is dense leetspeak (at least <see cref="DenseShare"/> of its words mix letters with look-alikes, and
/// two of them became English words), a second pass
/// also rewrites what the cautious pass leaves alone because, in ordinary text, it is a number or a code: two-character
/// tokens ("m3", "70"), digit-only tokens that spell an English word ("15" → "is", "4" → "a") and mostly-digit tokens
/// ("71p5" → "tips"). The decoded view then reads like the plain text it came from, so the models judge it the way they
/// judge that text. Ordinary text with versions, codes or prices never reaches the second pass.
/// </para>
/// </summary>
public sealed class LeetspeakDecoder : ITextDecoder
{
    /// <summary>The share of a text's words that must mix letters with look-alikes before the dense pass runs.</summary>
    public const double DenseShare = 0.4;

    public string Name => "leet";

    public void Decode(string text, DecodeSink sink)
    {
        if (text.AsSpan().IndexOfAny("0134578@$9!|+") < 0) return;
        var (cautious, recovered, mixed, words) = Rewrite(text, dense: false);
        if (recovered < 2 || cautious is null) return;
        var view = cautious;
        if (mixed >= words * DenseShare && Rewrite(text, dense: true).Text is { } full) view = full;
        sink.Notes.Add(NormalizationNotes.Leetspeak, recovered);
        sink.Add(view, Name);
    }

    /// <summary>
    /// One pass over the tokens; returns the rewritten text (null when nothing changed), how many tokens became English
    /// words, how many word tokens (at least two letters, digits or look-alike symbols) the text has, and how many of
    /// those mix letters with look-alikes.
    /// </summary>
    private static (string? Text, int Recovered, int Mixed, int Words) Rewrite(string text, bool dense)
    {
        // Copied on the first rewrite: until then the text itself is what the loop reads (it only ever reads ahead of its writes).
        char[]? rewritten = null;
        var chars = text.AsSpan();
        var recovered = 0;
        var words = 0;
        var mixed = 0;
        Span<char> word = stackalloc char[EnglishWords.MaxWordLength];
        var i = 0;
        while (i < chars.Length)
        {
            if (!IsTokenChar(chars[i])) { i++; continue; }
            var start = i;
            bool letter = false, leet = false;
            while (i < chars.Length && IsTokenChar(chars[i]))
            {
                if (char.IsAsciiLetter(chars[i])) letter = true;
                else leet = true;
                i++;
            }
            var length = i - start;
            if (length >= 2)
            {
                words++;
                if (letter && leet) mixed++;
            }
            if (!leet || length > EnglishWords.MaxWordLength) continue;
            if (!dense && (!letter || length < 3)) continue;
            // Trailing punctuation such as "!" or "|" ends a sentence rather than spelling a letter.
            var end = i;
            while (end > start && chars[end - 1] is '!' or '|' or '+' or '$' && end - 1 > start && !char.IsAsciiLetter(chars[end - 1])) end--;
            if (!HasLookAlike(chars, start, end)) continue; // "thanks!": only the sentence's punctuation
            if (!letter && !IsDigits(chars, start, end)) continue; // "$$", "!!": symbols alone spell nothing
            var span = word[..(end - start)];
            if (!TryWord(chars, start, end, span))
            {
                // Digits alone are a number unless they spell a word or end a contraction in dense leetspeak ("n31ghb0ur'5",
                // "d0n'7"); a mostly-digit token is a code, except in dense leetspeak.
                if (!letter && !(dense && start > 0 && chars[start - 1] == '\'')) continue;
                if (!dense && CountLetters(chars, start, end) * 2 < end - start) continue;
                for (var k = start; k < end; k++) span[k - start] = Map(char.ToLowerInvariant(chars[k]), 'i');
            }
            else recovered++;
            rewritten ??= text.ToCharArray();
            chars = rewritten;
            span.CopyTo(rewritten.AsSpan(start));
        }
        return (rewritten is null ? null : new string(rewritten), recovered, mixed, words);
    }

    /// <summary>Maps the token with "1" read as "i", then as "l"; true when either reading is an English word (left in <paramref name="span"/>).</summary>
    private static bool TryWord(ReadOnlySpan<char> chars, int start, int end, Span<char> span)
    {
        foreach (var one in "il")
        {
            for (var k = start; k < end; k++) span[k - start] = Map(char.ToLowerInvariant(chars[k]), one);
            if (EnglishWords.Contains(span)) return true;
        }
        return false;
    }

    private static bool HasLookAlike(ReadOnlySpan<char> chars, int start, int end)
    {
        for (var k = start; k < end; k++) if (!char.IsAsciiLetter(chars[k])) return true;
        return false;
    }

    private static bool IsDigits(ReadOnlySpan<char> chars, int start, int end)
    {
        for (var k = start; k < end; k++) if (!char.IsAsciiDigit(chars[k])) return false;
        return true;
    }

    private static int CountLetters(ReadOnlySpan<char> chars, int start, int end)
    {
        var n = 0;
        for (var k = start; k < end; k++) if (char.IsAsciiLetter(chars[k])) n++;
        return n;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '@' or '$' or '!' or '|' or '+';

    private static char Map(char c, char one) => c switch
    {
        '0' => 'o', '1' => one, '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '8' => 'b', '9' => 'g',
        '@' => 'a', '$' => 's', '!' => 'i', '|' => 'l', '+' => 't', _ => c,
    };
}
