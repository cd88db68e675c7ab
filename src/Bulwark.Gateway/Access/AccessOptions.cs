namespace Bulwark.Gateway.Access;

/// <summary>The "Bulwark:Access" section.</summary>
public sealed record AccessOptions
{
    public const string Section = "Bulwark:Access";

    /// <summary>How long a rotated key keeps working beside its successor.</summary>
    public TimeSpan RotationGrace { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How often last-used times are written to the store (batched, off the hot path).</summary>
    public TimeSpan LastUsedFlushInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Admin API and CLI refuse directive effective times further than this from now (0: no bound).</summary>
    public TimeSpan MaxDirectiveSkew { get; init; } = TimeSpan.FromDays(366);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (RotationGrace < TimeSpan.Zero) errors.Add("Bulwark:Access:RotationGrace must not be negative");
        if (LastUsedFlushInterval <= TimeSpan.Zero) errors.Add("Bulwark:Access:LastUsedFlushInterval must be positive");
        if (MaxDirectiveSkew < TimeSpan.Zero) errors.Add("Bulwark:Access:MaxDirectiveSkew must not be negative");
        return errors;
    }
}
