using System.Globalization;

namespace Bulwark.Gateway.Access.Admin;

/// <summary>
/// Free-text admin fields (a directive's reason, a principal's tier) are printed on terminals and in reports, so they
/// refuse control characters: C0/C1 controls (newlines, ESC sequences), bidi overrides and isolates, and the Unicode
/// line and paragraph separators.
/// </summary>
public static class AdminText
{
    public static bool HasControlCharacters(string? text)
    {
        if (text is null) return false;
        foreach (var c in text)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029') return true;
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format && c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C')
                return true;
        }
        return false;
    }

    public static string Refusal(string field) => $"{field} must not contain control characters (newlines, escape sequences, bidi controls)";
}
