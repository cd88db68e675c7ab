using System.Text;
using System.Text.RegularExpressions;

namespace Bulwark.Core.Detection.Decoding;

/// <summary>
/// Payload splitting ("a = 'ignore all'; b = ' previous instructions'; now combine a + b"): when the text assigns at
/// least two quoted strings to short names and adds names together, the strings are joined in the order the
/// combination names them (or in text order) into a view, so the signatures see the assembled payload.
/// </summary>
public sealed partial class PayloadSplitDecoder : ITextDecoder
{
    public string Name => "concat";

    [GeneratedRegex("""\b([a-z]\w{0,2})\s*=\s*["'“‘]([^"'”’\n]{1,200})["'”’]""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex Assignment();

    [GeneratedRegex("""\b([a-z]\w{0,2})(?:\s*\+\s*([a-z]\w{0,2})\b){1,7}""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex Combination();

    public void Decode(string text, DecodeSink sink)
    {
        if (text.IndexOf('=') < 0 || text.IndexOf('+') < 0) return;
        try
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var order = new List<string>();
            foreach (Match m in Assignment().Matches(text))
            {
                if (values.Count >= 16) break;
                var name = m.Groups[1].Value;
                if (values.TryAdd(name, m.Groups[2].Value)) order.Add(name);
            }
            if (values.Count < 2) return;
            var combination = Combination().Match(text);
            if (!combination.Success) return;
            var names = new List<string> { combination.Groups[1].Value };
            foreach (Capture c in combination.Groups[2].Captures) names.Add(c.Value);
            var sb = new StringBuilder();
            foreach (var name in names)
            {
                if (values.TryGetValue(name, out var value)) sb.Append(value);
            }
            if (sb.Length == 0) foreach (var name in order) sb.Append(values[name]);
            sink.Notes.Add(Normalization.NormalizationNotes.PayloadSplit);
            sink.Add(sb.ToString(), Name);
        }
        catch (RegexMatchTimeoutException)
        {
            // Not a payload we can assemble quickly; the signatures still scan the text itself.
        }
    }
}
