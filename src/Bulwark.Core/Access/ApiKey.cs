namespace Bulwark.Core.Access;

/// <summary>
/// A stored API key: the public id, the SHA-256 hash of the whole key (never the key), its principal, an optional
/// model restriction (empty: whatever the principal is entitled to), admin/auditor flags, expiry, revocation and
/// last use. A rotated key keeps working until <see cref="ExpiresAt"/> (the grace period).
/// </summary>
public sealed record ApiKey
{
    public required string Id { get; init; }

    public required string PrincipalId { get; init; }

    public required byte[] Hash { get; init; }

    public IReadOnlyList<string> Models { get; init; } = [];

    public bool IsAdmin { get; init; }

    public bool IsAuditor { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>The key this one replaced by rotation, if any.</summary>
    public string? RotatedFrom { get; init; }

    /// <summary>Set on the old key when it was rotated: the id of its successor.</summary>
    public string? RotatedTo { get; init; }

    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>The policy bound to this key (it overrides the principal's, group's, model's and global policy); null: none.</summary>
    public string? Policy { get; init; }

    public bool IsRevoked => RevokedAt is not null;

    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } e && e <= now;

    public bool IsLiveAt(DateTimeOffset now) => !IsRevoked && !IsExpiredAt(now);

    public override string ToString() => $"ApiKey {{ Id = {Id}, Principal = {PrincipalId} }}";
}
