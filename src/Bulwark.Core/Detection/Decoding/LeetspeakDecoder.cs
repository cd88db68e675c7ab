using Bulwark.Core.Detection.Normalization;

namespace Bulwark.Core.Detection.Decoding;

/// <summary>
/// Leetspeak ("1gn0r3 4ll pr3v10u5 1nstruct10ns"): tokens that mix letters with look-alike digits or symbols are
/// rewritten (0→o, 1→i or l, 3→e, 4→a, 5→s, 7→t, 8→b, 9→g, @→a, $→s, !→i, |→l, +→t). The view is kept when at least
/// two rewritten tokens become English words; "mp3", "h264" and numbers stay as they are.
/// </summary>
public sealed class LeetspeakDecoder : ITextDecoder
{
    public string Name => "leet";

    public void Decode(string text, DecodeSink sink)
    {
        if (text.AsSpan().IndexOfAny("0134578@$9!|+") < 0) return;
        // Copied on the first rewrite: until then the text itself is what the loop reads (it only ever reads ahead of its writes).
        char[]? rewritten = null;
        var chars = text.AsSpan();
        var recovered = 0;
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
            if (!letter || !leet || length < 3 || length > EnglishWords.MaxWordLength) continue;
            // Trailing punctuation such as "!" or "|" ends a sentence rather than spelling a letter.
            var end = i;
            while (end > start && chars[end - 1] is '!' or '|' or '+' or '$' && end - 1 > start && !char.IsAsciiLetter(chars[end - 1])) end--;
            var span = word[..(end - start)];
            for (var k = start; k < end; k++) span[k - start] = Map(char.ToLowerInvariant(chars[k]), 'i');
            if (!EnglishWords.Contains(span))
            {
                // "1" is also "l": try that before giving up.
                for (var k = start; k < end; k++) span[k - start] = Map(char.ToLowerInvariant(chars[k]), 'l');
                if (!EnglishWords.Contains(span))
                {
                    for (var k = start; k < end; k++) span[k - start] = Map(char.ToLowerInvariant(chars[k]), 'i');
                    if (CountLetters(chars, start, end) * 2 < end - start) continue; // mostly digits: a number or a code
                }
                else recovered++;
            }
            else recovered++;
            rewritten ??= text.ToCharArray();
            chars = rewritten;
            span.CopyTo(rewritten.AsSpan(start));
        }
        if (recovered < 2) return;
        sink.Notes.Add(NormalizationNotes.Leetspeak, recovered);
        sink.Add(new string(chars), Name);
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
