using System.Globalization;

namespace Bulwark.Core.Access;

/// <summary>
/// Parses a point in time given by an operator: ISO-8601 (<c>2026-12-31T00:00:00Z</c>; no offset means UTC), or relative to
/// now as <c>30d</c>, <c>12h</c>, <c>15m</c>, <c>45s</c> (optionally prefixed with <c>+</c>), or <c>now</c>.
/// </summary>
public static class TimeSpec
{
    public static bool TryParse(string? text, DateTimeOffset now, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (text == "now")
        {
            value = now;
            return true;
        }
        var body = text.StartsWith('+') ? text[1..] : text;
        if (body.Length >= 2 && char.IsAsciiLetter(body[^1]) && long.TryParse(body[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            TimeSpan? span = body[^1] switch
            {
                'd' => TimeSpan.FromDays(n),
                'h' => TimeSpan.FromHours(n),
                'm' => TimeSpan.FromMinutes(n),
                's' => TimeSpan.FromSeconds(n),
                _ => null,
            };
            if (span is null || n > 365L * 100) return false;
            value = now + span.Value;
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    public static string Format(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
