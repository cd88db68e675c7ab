namespace Bulwark.Gateway.Access.Offenders;

/// <summary>The "Bulwark:Offenders" section: blocks per principal within <see cref="Window"/> that escalate flag → throttle → suspend.</summary>
public sealed record OffenderOptions
{
    public const string Section = "Bulwark:Offenders";

    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);

    public int FlagAfter { get; init; } = 3;

    public int ThrottleAfter { get; init; } = 10;

    public int SuspendAfter { get; init; } = 25;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Window <= TimeSpan.Zero) errors.Add("Bulwark:Offenders:Window must be positive");
        if (FlagAfter <= 0 || ThrottleAfter < FlagAfter || SuspendAfter < ThrottleAfter)
            errors.Add("Bulwark:Offenders needs 0 < FlagAfter <= ThrottleAfter <= SuspendAfter");
        return errors;
    }
}
