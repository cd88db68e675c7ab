using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bulwark.Audit.Canonical;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme: object members sorted by UTF-16 code units, no insignificant
/// white space, strings with minimal escaping, numbers in the ECMAScript shortest round-trip form.
/// The same record always yields the same bytes, which is what makes its leaf hash stable.
/// </summary>
public static class JsonCanonicalizer
{
    public static byte[] Canonicalize(JsonNode? node)
    {
        var sb = new StringBuilder(256);
        Write(sb, node);
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json) => Canonicalize(JsonNode.Parse(utf8Json));

    private static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    if (!first) sb.Append(',');
                    first = false;
                    WriteString(sb, key);
                    sb.Append(':');
                    Write(sb, value);
                }
                sb.Append('}');
                break;
            case JsonArray arr:
                sb.Append('[');
                for (var i = 0; i < arr.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Write(sb, arr[i]);
                }
                sb.Append(']');
                break;
            case JsonValue value:
                WriteValue(sb, value);
                break;
        }
    }

    private static void WriteValue(StringBuilder sb, JsonValue value)
    {
        // A JsonValue may wrap a JsonElement (parsed) or a CLR primitive (built in code); GetValueKind covers both.
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(sb, value.TryGetValue<string>(out var s) ? s : JsonSerializer.Deserialize<string>(value.ToJsonString())!);
                break;
            case JsonValueKind.Number:
                WriteNumber(sb, value.TryGetValue<double>(out var d) ? d : double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture));
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    /// <summary>ECMAScript Number.prototype.toString for finite doubles (RFC 8785 §3.2.2.3).</summary>
    public static void WriteNumber(StringBuilder sb, double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d)) throw new ArgumentException("NaN and Infinity are not valid JSON numbers");
        if (d == 0) { sb.Append('0'); return; }
        var r = d.ToString("R", CultureInfo.InvariantCulture); // shortest round-trip, e.g. "1E+21", "1.5E-07", "123.45"
        var exp = r.IndexOf('E');
        if (exp < 0) { sb.Append(r); return; }

        // Split mantissa digits and exponent, then lay out as ECMAScript does.
        var negative = r[0] == '-';
        var mantissa = r[(negative ? 1 : 0)..exp].Replace(".", "", StringComparison.Ordinal);
        var e = int.Parse(r[(exp + 1)..], CultureInfo.InvariantCulture);
        var digits = mantissa.TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        var k = digits.Length;
        var n = e + 1; // position of the decimal point relative to the digits
        if (negative) sb.Append('-');
        if (k <= n && n <= 21)
        {
            sb.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            sb.Append(digits[0]);
            if (k > 1) sb.Append('.').Append(digits, 1, k - 1);
            sb.Append('e').Append(n - 1 >= 0 ? "+" : "-").Append(Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
