using System.Collections.Frozen;

namespace Bulwark.Core.Access;

/// <summary>
/// A node's immutable view of keys, principals, directives and kill switches at one store version. The gateway swaps
/// whole instances atomically; deciding is a few dictionary lookups, one SHA-256 and a constant-time comparison.
/// </summary>
public sealed class AccessState
{
    public static readonly AccessState Empty = new(AccessSnapshot.Empty);

    private readonly FrozenDictionary<string, ApiKey> _keys;
    private readonly FrozenDictionary<string, ApiKey>.AlternateLookup<ReadOnlySpan<char>> _keysBySpan;
    private readonly FrozenDictionary<string, Principal> _principals;
    private readonly FrozenDictionary<string, Directive[]> _directivesByModel;
    private readonly FrozenSet<string> _killedModels;
    private readonly FrozenSet<string> _killedUpstreams;

    public AccessState(AccessSnapshot snapshot)
    {
        Snapshot = snapshot;
        _keys = snapshot.Keys.ToFrozenDictionary(k => k.Id, StringComparer.Ordinal);
        _keysBySpan = _keys.GetAlternateLookup<ReadOnlySpan<char>>();
        _principals = snapshot.Principals.ToFrozenDictionary(p => p.Id, StringComparer.Ordinal);
        _directivesByModel = snapshot.Directives.Where(d => d.LiftedAt is null)
            .GroupBy(d => d.Model, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        GlobalKill = snapshot.KillSwitches.Any(k => k is { Scope: KillSwitchScope.Global, On: true });
        _killedModels = snapshot.KillSwitches.Where(k => k is { Scope: KillSwitchScope.Model, On: true }).Select(k => k.Name).ToFrozenSet(StringComparer.Ordinal);
        _killedUpstreams = snapshot.KillSwitches.Where(k => k is { Scope: KillSwitchScope.Upstream, On: true }).Select(k => k.Name).ToFrozenSet(StringComparer.Ordinal);
    }

    public AccessSnapshot Snapshot { get; }

    public long Version => Snapshot.Version;

    public bool GlobalKill { get; }

    public ApiKey? FindKey(string id) => _keys.GetValueOrDefault(id);

    public Principal? FindPrincipal(string id) => _principals.GetValueOrDefault(id);

    /// <summary>Matches a presented key: well-formed, known, hash equal (constant time), not revoked, not expired, principal present.</summary>
    public Authentication Authenticate(ReadOnlySpan<char> presented, DateTimeOffset now)
    {
        if (!ApiKeyFormat.TryParseId(presented, out var id) || !_keysBySpan.TryGetValue(id, out var key))
            return new Authentication(AccessDenial.InvalidKey, null, null);
        if (!ApiKeyFormat.Matches(presented, key.Hash)) return new Authentication(AccessDenial.InvalidKey, null, null);
        if (!_principals.TryGetValue(key.PrincipalId, out var principal)) return new Authentication(AccessDenial.InvalidKey, null, null);
        if (key.IsRevoked) return new Authentication(AccessDenial.Revoked, key, principal);
        if (key.IsExpiredAt(now)) return new Authentication(AccessDenial.Expired, key, principal);
        return new Authentication(AccessDenial.None, key, principal);
    }

    /// <summary>Re-checks an already authenticated key by id (used to end in-flight requests when the state changes).</summary>
    public AccessDenial Recheck(string keyId, string? model, ModelAccessRule? rule, DateTimeOffset now)
    {
        if (!_keys.TryGetValue(keyId, out var key) || !_principals.TryGetValue(key.PrincipalId, out var principal)) return AccessDenial.InvalidKey;
        if (key.IsRevoked) return AccessDenial.Revoked;
        if (key.IsExpiredAt(now)) return AccessDenial.Expired;
        if (principal.Suspended) return AccessDenial.Suspended;
        return model is null || rule is null ? AccessDenial.None : Authorize(key, principal, rule, now);
    }

    /// <summary>May this authenticated caller use this model now? Order: suspension, kill switches, entitlement, directives.</summary>
    public AccessDenial Authorize(ApiKey key, Principal principal, ModelAccessRule rule, DateTimeOffset now)
    {
        if (principal.Suspended) return AccessDenial.Suspended;
        if (GlobalKill || _killedModels.Contains(rule.Model) || _killedUpstreams.Contains(rule.Upstream)) return AccessDenial.KillSwitch;
        if (!Entitlement.Allows(rule, principal.Groups, key.Models)) return AccessDenial.NotEntitled;
        if (_directivesByModel.TryGetValue(rule.Model, out var directives))
        {
            foreach (var d in directives)
            {
                if (d.IsActiveAt(now) && !d.Allows(principal.Groups)) return AccessDenial.Directive;
            }
        }
        return AccessDenial.None;
    }

    public bool IsModelKilled(ModelAccessRule rule) =>
        GlobalKill || _killedModels.Contains(rule.Model) || _killedUpstreams.Contains(rule.Upstream);

    public bool HasAdminKey(DateTimeOffset now) => Snapshot.Keys.Any(k => k.IsAdmin && k.IsLiveAt(now));
}
