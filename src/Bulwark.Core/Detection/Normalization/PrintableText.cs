using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Bulwark.Core.Detection.Normalization;

/// <summary>Decides whether decoded bytes are text worth scanning (rather than an image, a hash or noise).</summary>
public static class PrintableText
{
    /// <summary>Decodes strict UTF-8 and returns the text when it is mostly printable; null for binary or invalid data.</summary>
    public static string? TryDecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return null;
        var buffer = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            var status = Utf8.ToUtf16(bytes, buffer, out _, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done) return null;
            var span = buffer.AsSpan(0, written);
            return IsMostlyPrintable(span) ? new string(span) : null;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// True when the text has at least 4 letters, no control characters other than tab/newline, at least 85%
    /// letters, digits, spaces or common punctuation, and at least 40% letters among the non-space characters.
    /// </summary>
    public static bool IsMostlyPrintable(ReadOnlySpan<char> text)
    {
        int letters = 0, good = 0, nonSpace = 0;
        foreach (var c in text)
        {
            if (c < 0x20)
            {
                if (c is '\n' or '\r' or '\t') { good++; continue; }
                return false;
            }
            if (c is '\u007F' or '\uFFFD' || (c >= 0x80 && c < 0xA0)) return false;
            if (c == ' ') { good++; continue; }
            nonSpace++;
            if (char.IsLetter(c)) { letters++; good++; }
            else if (char.IsDigit(c) || char.IsPunctuation(c) || char.IsSymbol(c) || char.IsSurrogate(c)) good++;
        }
        return letters >= 4 && good * 100 >= text.Length * 85 && letters * 100 >= nonSpace * 40;
    }
}
