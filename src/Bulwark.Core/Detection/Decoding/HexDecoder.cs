using Bulwark.Core.Detection.Normalization;

namespace Bulwark.Core.Detection.Decoding;

/// <summary>
/// Finds hex-encoded bytes (contiguous "69676e", separated "69 67 6e" / "69:67", or escaped "\x69\x67", "0x69 0x67"),
/// at least 8 bytes, and keeps the decoded bytes only when they are mostly printable UTF-8 text (a hash or a key
/// decodes to binary and is dropped).
/// </summary>
public sealed class HexDecoder : ITextDecoder
{
    public const int MinBytes = 8;

    public string Name => "hex";

    public void Decode(string text, DecodeSink sink)
    {
        if (text.Length < MinBytes * 2) return;
        var candidates = 0;
        var bytes = new List<byte>();
        var i = 0;
        while (i < text.Length && candidates < NormalizationLimits.MaxCandidates && sink.HasRoom)
        {
            if (!IsStart(text, i)) { i++; continue; }
            bytes.Clear();
            var j = i;
            while (j < text.Length && bytes.Count < NormalizationLimits.MaxCandidateCharacters / 2)
            {
                var k = j;
                if (k + 1 < text.Length && text[k] == '\\' && text[k + 1] is 'x' or 'X') k += 2;
                else if (k + 1 < text.Length && text[k] == '0' && text[k + 1] is 'x' or 'X' && k + 3 < text.Length && char.IsAsciiHexDigit(text[k + 2]) && char.IsAsciiHexDigit(text[k + 3])) k += 2;
                if (k + 1 >= text.Length || !char.IsAsciiHexDigit(text[k]) || !char.IsAsciiHexDigit(text[k + 1])) break;
                bytes.Add((byte)(HexValue(text[k]) << 4 | HexValue(text[k + 1])));
                j = k + 2;
                if (j < text.Length && text[j] is ' ' or ':' or ',' or '-' && j + 1 < text.Length && (char.IsAsciiHexDigit(text[j + 1]) || text[j + 1] == '\\' || text[j + 1] == '0')) j++;
            }
            if (bytes.Count >= MinBytes && (j >= text.Length || !char.IsAsciiLetterOrDigit(text[j])))
            {
                candidates++;
                var decoded = PrintableText.TryDecodeUtf8(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes));
                if (decoded is not null)
                {
                    sink.Notes.Add(NormalizationNotes.Hex);
                    sink.Add(decoded, Name);
                }
            }
            i = Math.Max(j, i + 1);
        }
    }

    private static bool IsStart(string text, int i)
    {
        var c = text[i];
        if (!(char.IsAsciiHexDigit(c) || c == '\\')) return false;
        return i == 0 || !char.IsAsciiLetterOrDigit(text[i - 1]);
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
