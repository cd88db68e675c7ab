using System.Collections.Frozen;
using Bulwark.Core.Access;
using Bulwark.Gateway.Access.Stores;
using Bulwark.Gateway.Configuration;

namespace Bulwark.Gateway.Access.Propagation;

/// <summary>
/// Holds this node's <see cref="AccessState"/> (immutable, swapped atomically), the version it has applied and when it
/// was last confirmed current. A confirmation needs the store (and, with many nodes, the bus) to answer; without one
/// for longer than MaxStaleness the state is stale and protected models are refused.
/// </summary>
public sealed class AccessStateManager : IAccessHealth
{
    private readonly IAccessStore _store;
    private readonly TimeProvider _time;
    private readonly WithdrawalRegistry _withdrawals;
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private AccessState _state = AccessState.Empty;
    private long _confirmedAtMs = long.MinValue;
    private volatile bool _storeReachable;
    private volatile bool _busReachable;

    public AccessStateManager(IAccessStore store, BulwarkOptions options, TimeProvider time, WithdrawalRegistry withdrawals)
    {
        _store = store;
        _time = time;
        _withdrawals = withdrawals;
        MaxStaleness = options.MaxStaleness;
        Rules = options.Models.ToFrozenDictionary(
            m => m.Key, m => new ModelAccessRule(m.Key, m.Value.Upstream, m.Value.Groups, m.Value.Protected), StringComparer.Ordinal);
    }

    public string Name => "access";

    public TimeSpan MaxStaleness { get; }

    /// <summary>The configured models as access rules.</summary>
    public FrozenDictionary<string, ModelAccessRule> Rules { get; }

    public AccessState Current => Volatile.Read(ref _state);

    public long Version => Current.Version;

    public bool Loaded { get; private set; }

    public bool StoreReachable => _storeReachable;

    public bool BusReachable => _busReachable;

    public TimeSpan Age
    {
        get
        {
            var confirmed = Interlocked.Read(ref _confirmedAtMs);
            return confirmed == long.MinValue ? TimeSpan.MaxValue : TimeSpan.FromMilliseconds(Math.Max(0, _time.GetUtcNow().ToUnixTimeMilliseconds() - confirmed));
        }
    }

    public bool IsFresh => IsFreshAt(_time.GetUtcNow());

    public bool IsFreshAt(DateTimeOffset now)
    {
        var confirmed = Interlocked.Read(ref _confirmedAtMs);
        return confirmed != long.MinValue && now.ToUnixTimeMilliseconds() - confirmed <= (long)MaxStaleness.TotalMilliseconds;
    }

    /// <summary>Marks the state confirmed as of <paramref name="at"/> (the start of a successful round trip). Never moves backwards.</summary>
    public void Confirm(DateTimeOffset at)
    {
        var ms = at.ToUnixTimeMilliseconds();
        long seen;
        do
        {
            seen = Interlocked.Read(ref _confirmedAtMs);
            if (seen >= ms) return;
        }
        while (Interlocked.CompareExchange(ref _confirmedAtMs, ms, seen) != seen);
    }

    public void ReportReachability(bool store, bool bus)
    {
        _storeReachable = store;
        _busReachable = bus;
    }

    /// <summary>Reads the store and swaps in its state if it is newer (or the first). Ends withdrawn requests. Throws when the store is unreachable.</summary>
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        await _reloadLock.WaitAsync(cancellationToken);
        try
        {
            var snapshot = await _store.LoadAsync(cancellationToken);
            _storeReachable = true;
            var current = Current;
            if (Loaded && snapshot.Version <= current.Version) return false;
            var next = new AccessState(snapshot);
            Volatile.Write(ref _state, next);
            Loaded = true;
            _withdrawals.Sweep(next, RuleFor, _time.GetUtcNow());
            return true;
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    /// <summary>Re-evaluates open requests against the clock (expiries, directives that became effective).</summary>
    public int SweepWithdrawals() => _withdrawals.Sweep(Current, RuleFor, _time.GetUtcNow());

    public ModelAccessRule? RuleFor(string model) => Rules.GetValueOrDefault(model);
}
