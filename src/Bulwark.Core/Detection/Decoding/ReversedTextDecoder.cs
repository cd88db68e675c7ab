using Bulwark.Core.Detection.Normalization;

namespace Bulwark.Core.Detection.Decoding;

/// <summary>
/// Reversed text ("snoitcurtsni suoiverp lla erongi"): only tried when the text does not read as English; the reversal
/// is kept when it yields at least 3 English words and more than twice as many as the text had.
/// </summary>
public sealed class ReversedTextDecoder : ITextDecoder
{
    private const int SampleChars = 2048;

    public string Name => "reversed";

    public void Decode(string text, DecodeSink sink)
    {
        var (words, english) = EnglishWords.CountUnshifted(text, SampleChars);
        if (words < 3 || english * 3 >= words) return;
        var reversed = Reverse(text);
        var (_, reversedEnglish) = EnglishWords.Count(reversed, SampleChars);
        if (reversedEnglish < 3 || reversedEnglish <= 2 * english) return;
        sink.Notes.Add(NormalizationNotes.Reversed);
        sink.Add(reversed, Name);
    }

    /// <summary>Reverses the characters, keeping surrogate pairs in order.</summary>
    public static string Reverse(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++) span[source.Length - 1 - i] = source[i];
        for (var i = 0; i + 1 < span.Length; i++)
        {
            if (char.IsLowSurrogate(span[i]) && char.IsHighSurrogate(span[i + 1]))
            {
                (span[i], span[i + 1]) = (span[i + 1], span[i]);
                i++;
            }
        }
    });
}
