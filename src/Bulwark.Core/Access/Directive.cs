namespace Bulwark.Core.Access;

/// <summary>
/// An operator's order: from <see cref="Effective"/> on, <see cref="Model"/> may only be used by callers in one of
/// <see cref="AllowGroups"/> (empty: by nobody). A node applies it by its own clock. Lifting ends it.
/// </summary>
public sealed record Directive
{
    public required string Id { get; init; }

    public required string Model { get; init; }

    public required IReadOnlyList<string> AllowGroups { get; init; }

    public required DateTimeOffset Effective { get; init; }

    public string Reason { get; init; } = "";

    public string Issuer { get; init; } = "";

    public DateTimeOffset IssuedAt { get; init; }

    public DateTimeOffset? LiftedAt { get; init; }

    public string? LiftedBy { get; init; }

    public bool IsActiveAt(DateTimeOffset now) => LiftedAt is null && Effective <= now;

    public bool Allows(IReadOnlyList<string> groups)
    {
        foreach (var g in groups)
        {
            foreach (var a in AllowGroups)
            {
                if (string.Equals(g, a, StringComparison.Ordinal)) return true;
            }
        }
        return false;
    }
}
