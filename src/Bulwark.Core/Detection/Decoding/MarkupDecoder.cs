using System.Net;
using System.Text;
using Bulwark.Core.Detection.Normalization;

namespace Bulwark.Core.Detection.Decoding;

/// <summary>
/// Strips markdown, HTML and code-fence wrappers into a view: HTML comments keep their content (instructions hide
/// there), tags become spaces, entities are decoded, code fences and emphasis markers (** __ ~~ `) are removed, link
/// syntax [text](url) becomes "text url", and heading/quote markers at line starts are dropped.
/// </summary>
public sealed class MarkupDecoder : ITextDecoder
{
    /// <summary>Look-ahead bounds: every search for a closing character reads at most this far, so the decoder stays linear.</summary>
    public const int MaxTagCharacters = 512;

    public const int MaxEntityCharacters = 10;

    public const int MaxLinkTextCharacters = 300;

    public const int MaxLinkTargetCharacters = 2048;

    public string Name => "markup";

    /// <summary>The index of <paramref name="c"/> in the <paramref name="max"/> characters from <paramref name="start"/>, or -1.</summary>
    private static int IndexWithin(string text, char c, int start, int max)
    {
        if (start >= text.Length) return -1;
        var k = text.AsSpan(start, Math.Min(max, text.Length - start)).IndexOf(c);
        return k < 0 ? -1 : start + k;
    }

    public void Decode(string text, DecodeSink sink)
    {
        if (text.AsSpan().IndexOfAny("<&*_`~#>[") < 0) return;
        bool html = false, comment = false, markdown = false, fence = false, entity = false;
        var sb = new StringBuilder(text.Length);
        var lineStart = true;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '<')
            {
                if (string.CompareOrdinal(text, i, "<!--", 0, 4) == 0)
                {
                    var close = text.IndexOf("-->", i + 4, StringComparison.Ordinal);
                    var end = close < 0 ? text.Length : close;
                    sb.Append(' ').Append(text, i + 4, end - i - 4).Append(' ');
                    comment = true;
                    i = close < 0 ? text.Length : close + 3;
                    lineStart = false;
                    continue;
                }
                var tagEnd = i + 1 < text.Length && (char.IsAsciiLetter(text[i + 1]) || text[i + 1] is '/' or '!') ? IndexWithin(text, '>', i + 1, MaxTagCharacters) : -1;
                if (tagEnd > 0)
                {
                    sb.Append(' ');
                    html = true;
                    i = tagEnd + 1;
                    lineStart = false;
                    continue;
                }
            }
            else if (c == '&')
            {
                var semi = IndexWithin(text, ';', i + 1, MaxEntityCharacters);
                if (semi > i + 1)
                {
                    var decoded = WebUtility.HtmlDecode(text.Substring(i, semi - i + 1));
                    if (decoded.Length < semi - i + 1)
                    {
                        sb.Append(decoded);
                        entity = true;
                        i = semi + 1;
                        lineStart = false;
                        continue;
                    }
                }
            }
            else if (c == '`')
            {
                var run = 1;
                while (i + run < text.Length && text[i + run] == '`') run++;
                if (run >= 3)
                {
                    fence = true;
                    i += run;
                    // Skip the fence's language tag.
                    while (i < text.Length && char.IsAsciiLetterOrDigit(text[i])) i++;
                    sb.Append(' ');
                    continue;
                }
                markdown = true;
                i += run;
                continue;
            }
            else if (c is '*' or '_' or '~' && i + 1 < text.Length && text[i + 1] == c)
            {
                markdown = true;
                i += 2;
                continue;
            }
            else if (c is '#' or '>' && lineStart)
            {
                markdown = true;
                while (i < text.Length && text[i] is '#' or '>' or ' ') i++;
                lineStart = false;
                continue;
            }
            else if (c == '[')
            {
                var closeBracket = IndexWithin(text, ']', i + 1, MaxLinkTextCharacters);
                if (closeBracket > i && closeBracket + 1 < text.Length && text[closeBracket + 1] == '(')
                {
                    var closeParen = IndexWithin(text, ')', closeBracket + 2, MaxLinkTargetCharacters);
                    if (closeParen > 0)
                    {
                        sb.Append(text, i + 1, closeBracket - i - 1).Append(' ').Append(text, closeBracket + 2, closeParen - closeBracket - 2);
                        markdown = true;
                        i = closeParen + 1;
                        lineStart = false;
                        continue;
                    }
                }
            }

            sb.Append(c);
            lineStart = c == '\n' || (lineStart && c is ' ' or '\t');
            i++;
        }

        if (!(html || comment || markdown || fence || entity)) return;
        if (html || entity) sink.Notes.Add(NormalizationNotes.HtmlWrapper);
        if (comment) sink.Notes.Add(NormalizationNotes.HtmlComment);
        if (markdown) sink.Notes.Add(NormalizationNotes.MarkdownWrapper);
        if (fence) sink.Notes.Add(NormalizationNotes.CodeFence);
        sink.Add(sb.ToString(), Name);
    }
}
