using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Bulwark.Core.Detection.Pii;

/// <summary>
/// Finds personal data and secrets in raw text: e-mail addresses, phone numbers (international with + or 00, and North
/// American), payment cards (13-19 digits, issuer prefix and Luhn check), IBANs (mod-97 check digits), US SSNs, IPv4 and
/// IPv6 addresses, secrets with a known prefix and high-entropy tokens. Pure, thread-safe, never throws on input: a
/// pattern that times out reports nothing for that type. Overlapping matches keep the type listed first in
/// <see cref="PiiTypes.All"/>.
/// </summary>
public static class PiiScanner
{
    /// <summary>Shannon entropy (bits per character) from which a 32+ character mixed-case token with digits counts as a secret.</summary>
    public const double TokenEntropy = 4.0;

    public static List<PiiMatch> Scan(string text)
    {
        var all = new List<PiiMatch>();
        if (string.IsNullOrEmpty(text)) return all;
        Collect(all, text, PiiPatterns.KnownSecret(), PiiTypes.Secret, static _ => true);
        Collect(all, text, PiiPatterns.Card(), PiiTypes.Card, IsCard);
        Collect(all, text, PiiPatterns.Iban(), PiiTypes.Iban, IsIban);
        Collect(all, text, PiiPatterns.Ssn(), PiiTypes.Ssn, static _ => true);
        Collect(all, text, PiiPatterns.Email(), PiiTypes.Email, static _ => true);
        Collect(all, text, PiiPatterns.Phone(), PiiTypes.Phone, IsPhone);
        Collect(all, text, PiiPatterns.IPv4(), PiiTypes.IpAddress, m => !AfterVersionWord(text, m.Index));
        Collect(all, text, PiiPatterns.IPv6(), PiiTypes.IpAddress, IsIPv6);
        Collect(all, text, PiiPatterns.Token(), PiiTypes.Secret, IsHighEntropyToken);

        // Keep the first-listed type where matches overlap (they were added in precedence order).
        var kept = new List<PiiMatch>(all.Count);
        foreach (var m in all)
        {
            var overlaps = false;
            foreach (var k in kept)
            {
                if (m.Start < k.End && k.Start < m.End) { overlaps = true; break; }
            }
            if (!overlaps) kept.Add(m);
        }
        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }

    /// <summary>Luhn checksum over the digits of <paramref name="s"/> (separators ignored).</summary>
    public static bool PassesLuhn(ReadOnlySpan<char> s)
    {
        var sum = 0;
        var doubleIt = false;
        var digits = 0;
        for (var i = s.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(s[i])) continue;
            var d = s[i] - '0';
            if (doubleIt) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
            doubleIt = !doubleIt;
            digits++;
        }
        return digits > 0 && sum % 10 == 0;
    }

    /// <summary>ISO 13616 check: move the first four characters to the end, letters to numbers, the value mod 97 is 1.</summary>
    public static bool PassesIbanCheck(string compact)
    {
        if (compact.Length is < 15 or > 34) return false;
        var rearranged = compact[4..] + compact[..4];
        var remainder = 0;
        foreach (var c in rearranged)
        {
            if (char.IsAsciiDigit(c)) remainder = (remainder * 10 + (c - '0')) % 97;
            else if (char.IsAsciiLetterUpper(c)) remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            else return false;
        }
        return remainder == 1;
    }

    private static void Collect(List<PiiMatch> into, string text, Regex regex, string type, Func<Match, bool> accept)
    {
        try
        {
            for (var m = regex.Match(text); m.Success; m = m.NextMatch())
            {
                if (accept(m)) into.Add(new PiiMatch(m.Index, m.Length, type));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A text built to make a pattern slow: report what was found before the timeout.
        }
    }

    private static bool IsCard(Match m)
    {
        var digits = new string(m.Value.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length is < 13 or > 19 || !PassesLuhn(digits)) return false;
        // Issuer prefixes: Visa 4, Mastercard 51-55 and 2221-2720, Amex 34/37, Diners 30/36/38, Discover 6011/64-65, JCB 35, UnionPay 62.
        var two = int.Parse(digits.AsSpan(0, 2), System.Globalization.CultureInfo.InvariantCulture);
        var four = int.Parse(digits.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture);
        return digits[0] == '4' || two is >= 51 and <= 55 or 34 or 37 or 30 or 36 or 38 or 35 or 62 or 64 or 65
               || four is >= 2221 and <= 2720 or 6011;
    }

    private static bool IsIban(Match m) => PassesIbanCheck(m.Value.Replace(" ", "", StringComparison.Ordinal));

    private static bool IsPhone(Match m)
    {
        var digits = m.Value.Count(char.IsAsciiDigit);
        return digits is >= 8 and <= 15;
    }

    private static bool IsIPv6(Match m)
    {
        var v = m.Value;
        var groups = v.Count(c => c == ':');
        if (!v.Contains("::", StringComparison.Ordinal) && groups != 7) return false;
        if (v.Trim(':').Length == 0 && v != "::") return false;
        return IPAddress.TryParse(v, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 && groups >= 2 && v.Any(char.IsAsciiHexDigit);
    }

    private static bool AfterVersionWord(string text, int index)
    {
        var start = Math.Max(0, index - 10);
        var before = text.AsSpan(start, index - start).TrimEnd();
        return before.EndsWith("v", StringComparison.OrdinalIgnoreCase) || before.EndsWith("version", StringComparison.OrdinalIgnoreCase)
               || before.EndsWith("ver.", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsHighEntropyToken(Match m)
    {
        var v = m.Value.TrimEnd('=');
        bool upper = false, lower = false, digit = false;
        foreach (var c in v)
        {
            if (char.IsAsciiLetterUpper(c)) upper = true;
            else if (char.IsAsciiLetterLower(c)) lower = true;
            else if (char.IsAsciiDigit(c)) digit = true;
        }
        return upper && lower && digit && Entropy(v) >= TokenEntropy;
    }

    private static double Entropy(string s)
    {
        Span<int> counts = stackalloc int[128];
        counts.Clear();
        foreach (var c in s) counts[c & 127]++;
        var h = 0.0;
        foreach (var n in counts)
        {
            if (n == 0) continue;
            var p = (double)n / s.Length;
            h -= p * Math.Log2(p);
        }
        return h;
    }
}
