using System.Buffers;
using Bulwark.Core.Detection.Normalization;

namespace Bulwark.Core.Detection.Decoding;

/// <summary>
/// Finds base64 (standard or URL-safe, padded or not, line-wrapped) runs of at least 16 characters that mix case or
/// digits, decodes at most <see cref="NormalizationLimits.MaxCandidateCharacters"/> of each, and keeps the result only
/// when it is mostly printable UTF-8 text (an image or a key decodes to binary and is dropped). May repeat
/// (base64 of base64).
/// </summary>
public sealed class Base64Decoder : ITextDecoder
{
    public const int MinRun = 16;

    private static readonly SearchValues<char> Base64Chars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_=");

    public string Name => "base64";

    public bool MayRepeat => true;

    public void Decode(string text, DecodeSink sink)
    {
        var candidates = 0;
        var i = 0;
        while (i < text.Length && candidates < NormalizationLimits.MaxCandidates && sink.HasRoom)
        {
            if (!IsBase64Char(text[i])) { i++; continue; }
            // Most runs are words: a run shorter than MinRun ends before any line-wrap continuation (which needs 40
            // characters) and is no candidate, so it is skipped in one vectorised step.
            var runLength = text.AsSpan(i).IndexOfAnyExcept(Base64Chars);
            if (runLength < 0) runLength = text.Length - i;
            if (runLength < MinRun) { i += runLength; continue; }
            var start = i;
            int chars = 0;
            bool upper = false, lower = false, digit = false;
            while (i < text.Length)
            {
                var c = text[i];
                if (IsBase64Char(c))
                {
                    chars++;
                    if (char.IsAsciiLetterUpper(c)) upper = true;
                    else if (char.IsAsciiLetterLower(c)) lower = true;
                    else if (char.IsAsciiDigit(c)) digit = true;
                    i++;
                    continue;
                }
                // Line-wrapped base64: a newline after a long line continues the run.
                if ((c is '\n' or '\r') && chars >= 40 && i + 1 < text.Length && (IsBase64Char(text[i + 1]) || text[i + 1] is '\n')) { i++; continue; }
                break;
            }
            if (chars < MinRun || !(upper && lower || (digit && (upper || lower)))) continue;
            if (start > 0 && char.IsAsciiLetterOrDigit(text[start - 1])) continue;
            candidates++;
            var decoded = TryDecode(text.AsSpan(start, i - start));
            if (decoded is not null)
            {
                sink.Notes.Add(NormalizationNotes.Base64);
                sink.Add(decoded, Name);
            }
        }
    }

    public static string? TryDecode(ReadOnlySpan<char> run)
    {
        var max = Math.Min(run.Length, NormalizationLimits.MaxCandidateCharacters);
        var buffer = ArrayPool<char>.Shared.Rent(max + 4);
        var bytes = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var n = 0;
            for (var k = 0; k < run.Length && n < max; k++)
            {
                var c = run[k];
                if (c is '\n' or '\r' or '=') continue;
                buffer[n++] = c switch { '-' => '+', '_' => '/', _ => c };
            }
            if (run.Length > max) n -= n % 4;
            if (n % 4 == 1) n--;
            while (n % 4 != 0) buffer[n++] = '=';
            if (n == 0) return null;
            if (!Convert.TryFromBase64Chars(buffer.AsSpan(0, n), bytes, out var written)) return null;
            return PrintableText.TryDecodeUtf8(bytes.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsBase64Char(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '-' or '_' or '=';
}
