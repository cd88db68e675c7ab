namespace Bulwark.Core.Access;

/// <summary>
/// Who calls: a named principal with groups (which decide model entitlements), an optional tier, its own rate limit
/// overrides (null: the configured defaults) and its repeat-offender state.
/// </summary>
public sealed record Principal
{
    public required string Id { get; init; }

    public IReadOnlyList<string> Groups { get; init; } = [];

    public string? Tier { get; init; }

    public bool Suspended { get; init; }

    public OffenderLevel OffenderLevel { get; init; }

    public int? RequestsPerMinute { get; init; }

    public int? TokensPerMinute { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= 128 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@');
}
