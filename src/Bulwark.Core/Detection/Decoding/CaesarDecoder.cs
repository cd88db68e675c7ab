using Bulwark.Core.Detection.Normalization;

namespace Bulwark.Core.Detection.Decoding;

/// <summary>
/// ROT13 and other Caesar shifts. Only tried when the text does not read as English already (under a third of its
/// words are common English words); a shift is kept when it turns at least 3 non-English words into English and
/// at least half of them. The step is "rot13" for a shift of 13, otherwise "caesarN".
/// </summary>
public sealed class CaesarDecoder : ITextDecoder
{
    private const int SampleChars = 2048;

    public string Name => "rot13";

    public void Decode(string text, DecodeSink sink)
    {
        var (words, english) = EnglishWords.CountUnshifted(text, SampleChars);
        var foreign = words - english;
        if (foreign < 3 || english * 3 >= words) return;
        int bestShift = 0, bestGain = 0;
        for (var shift = 1; shift < 26; shift++)
        {
            var (_, shifted) = EnglishWords.Count(text, SampleChars, shift);
            var gain = shifted - english;
            if (gain > bestGain) { bestGain = gain; bestShift = shift; }
        }
        if (bestGain < 3 || bestGain * 2 < foreign) return;
        var result = string.Create(text.Length, (text, bestShift), static (span, state) =>
        {
            var (source, shift) = state;
            for (var i = 0; i < span.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsAsciiLetterLower(c) ? EnglishWords.Shift(c, shift)
                    : char.IsAsciiLetterUpper(c) ? char.ToUpperInvariant(EnglishWords.Shift((char)(c | 0x20), shift))
                    : c;
            }
        });
        var step = bestShift == 13 ? "rot13" : "caesar" + bestShift.ToString(System.Globalization.CultureInfo.InvariantCulture);
        sink.Notes.Add(bestShift == 13 ? NormalizationNotes.Rot13 : NormalizationNotes.Caesar);
        sink.Add(result, step);
    }
}
