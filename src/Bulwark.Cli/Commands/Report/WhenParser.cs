using System.Globalization;

namespace Bulwark.Cli.Commands.Report;

/// <summary>Parses WHEN: "now", a relative age ("7d", "24h", "30m", "2w" = that long ago) or an ISO 8601 date/time (UTC unless an offset is given).</summary>
internal static class WhenParser
{
    public static DateTimeOffset Parse(string text, DateTimeOffset now, string optionName)
    {
        var t = text.Trim();
        if (t.Equals("now", StringComparison.OrdinalIgnoreCase)) return now;
        var rel = t.TrimStart('-');
        if (rel.Length >= 2 && long.TryParse(rel[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            TimeSpan? span = char.ToLowerInvariant(rel[^1]) switch
            {
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                'w' => TimeSpan.FromDays(7 * n),
                _ => null,
            };
            if (span is { } s) return now - s;
        }
        if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var abs)) return abs;
        throw new CliUsageException($"{optionName}: '{text}' is not a time (use now, 7d, 24h, or an ISO 8601 date such as 2026-11-01T00:00:00Z)");
    }
}
