namespace Bulwark.Cli.Commands.Report;

/// <summary>What one principal did in the period: requests, blocks, denials by reason and repeat-offender actions taken against it.</summary>
internal sealed class PrincipalActivity
{
    public long Requests { get; set; }

    public long Served { get; set; }

    public long Blocks { get; set; }

    public SortedDictionary<string, long> Denials { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> OffenderActions { get; } = new(StringComparer.Ordinal);

    /// <summary>When the repeat-offender tracker first throttled this principal (in or before the period), if it did.</summary>
    public DateTimeOffset? ThrottledSince { get; set; }

    /// <summary><c>rate_limited</c> denials that came after the principal was throttled: throttling caused them.</summary>
    public long RateLimitedWhileThrottled { get; set; }

    public long DenialTotal => Denials.Values.Sum();
}
