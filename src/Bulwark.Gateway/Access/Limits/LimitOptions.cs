namespace Bulwark.Gateway.Access.Limits;

/// <summary>The "Bulwark:Limits" section: per-minute budgets per key and per principal (principal overrides live in the store).</summary>
public sealed record LimitOptions
{
    public const string Section = "Bulwark:Limits";

    public int RequestsPerMinute { get; init; } = 600;

    public int TokensPerMinute { get; init; } = 1_000_000;

    /// <summary>When the shared counter (Redis) is unreachable: false (default) refuses, true lets requests through.</summary>
    public bool FailOpen { get; init; }

    /// <summary>Failed authentications tolerated per remote address per minute before that address gets 429 (0: no limit).</summary>
    public int FailedAuthPerMinute { get; init; } = 120;

    /// <summary>A throttled repeat offender gets this fraction of its normal budget.</summary>
    public double ThrottleFactor { get; init; } = 0.1;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (RequestsPerMinute <= 0) errors.Add("Bulwark:Limits:RequestsPerMinute must be positive");
        if (TokensPerMinute <= 0) errors.Add("Bulwark:Limits:TokensPerMinute must be positive");
        if (FailedAuthPerMinute < 0) errors.Add("Bulwark:Limits:FailedAuthPerMinute must not be negative");
        if (ThrottleFactor is <= 0 or > 1) errors.Add("Bulwark:Limits:ThrottleFactor must be in (0, 1]");
        return errors;
    }
}
