using Bulwark.Core.Access;

namespace Bulwark.Gateway.Access.Stores;

/// <summary>
/// The source of truth for access: principals, key hashes, directives and kill switches. Every change runs in one
/// transaction that also bumps the monotonically increasing access version (table <c>access_version</c>), which is
/// what nodes compare to know whether they are current. Tables are prefixed <c>access_</c>.
/// </summary>
public interface IAccessStore
{
    string Name { get; }

    /// <summary>Creates or upgrades the schema. Idempotent; safe when several processes start at once.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    Task<long> GetVersionAsync(CancellationToken cancellationToken);

    Task<AccessSnapshot> LoadAsync(CancellationToken cancellationToken);

    Task<ApiKey?> GetKeyAsync(string keyId, CancellationToken cancellationToken);

    Task<Principal?> GetPrincipalAsync(string principalId, CancellationToken cancellationToken);

    /// <summary>Adds a key; creates its principal if missing and adds <paramref name="groups"/> to the principal's groups.</summary>
    Task<StoreOutcome> CreateKeyAsync(ApiKey key, IReadOnlyList<string> groups, CancellationToken cancellationToken);

    /// <summary>Revokes a key. NotFound for an unknown id, Unchanged when already revoked.</summary>
    Task<StoreOutcome> RevokeKeyAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="newKey"/> and lets the old key live until <paramref name="oldValidUntil"/> (or its own earlier expiry).
    /// NotFound for an unknown id; Conflict when the old key is revoked, expired or already rotated.
    /// </summary>
    Task<StoreOutcome> RotateKeyAsync(string oldKeyId, ApiKey newKey, DateTimeOffset oldValidUntil, CancellationToken cancellationToken);

    /// <summary>Creates or updates a principal's groups, tier and limit overrides (not its offender state).</summary>
    Task<StoreOutcome> UpsertPrincipalAsync(Principal principal, CancellationToken cancellationToken);

    /// <summary>Sets the repeat-offender state. NotFound for an unknown principal, Unchanged when already so.</summary>
    Task<StoreOutcome> SetOffenderStateAsync(string principalId, OffenderLevel level, bool suspended, DateTimeOffset at, CancellationToken cancellationToken);

    Task<StoreOutcome> AddDirectiveAsync(Directive directive, CancellationToken cancellationToken);

    /// <summary>NotFound for an unknown id, Unchanged when already lifted.</summary>
    Task<StoreOutcome> LiftDirectiveAsync(string directiveId, string actor, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Unchanged when the switch is already in that position.</summary>
    Task<StoreOutcome> SetKillSwitchAsync(KillSwitch killSwitch, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="action"/> holding the store's change lock: one admin change at a time on this store, across
    /// all processes that share it (PostgreSQL: a transaction-scoped advisory lock; SQLite: a lock file beside the
    /// database plus an in-process gate). Admin actions read, audit and apply inside it, so a change is decided once.
    /// </summary>
    Task<T> RunExclusiveAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken);

    /// <summary>Records last-used times (batched, off the hot path). Does not bump the version.</summary>
    Task TouchKeysAsync(IReadOnlyCollection<KeyValuePair<string, DateTimeOffset>> lastUsed, CancellationToken cancellationToken);
}
