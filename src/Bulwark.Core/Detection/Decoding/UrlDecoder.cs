using Bulwark.Core.Detection.Normalization;

namespace Bulwark.Core.Detection.Decoding;

/// <summary>
/// Percent-decodes the text when it percent-encodes letters or digits (at least 3 of them): encoding characters that
/// need no encoding hides words. Ordinary URLs with %20 or %2F are left alone.
/// </summary>
public sealed class UrlDecoder : ITextDecoder
{
    public const int MinEncodedAlphanumerics = 3;

    public string Name => "url";

    public void Decode(string text, DecodeSink sink)
    {
        var first = text.IndexOf('%');
        if (first < 0) return;
        var alnum = 0;
        for (var i = first; i + 2 < text.Length; i++)
        {
            if (text[i] != '%' || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2])) continue;
            var value = HexValue(text[i + 1]) << 4 | HexValue(text[i + 2]);
            if (value < 0x80 && char.IsAsciiLetterOrDigit((char)value)) alnum++;
            i += 2;
        }
        if (alnum < MinEncodedAlphanumerics) return;
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return;
        }
        if (decoded == text) return;
        sink.Notes.Add(NormalizationNotes.Url, alnum);
        sink.Add(decoded, Name);
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
