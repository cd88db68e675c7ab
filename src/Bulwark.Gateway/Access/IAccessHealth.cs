namespace Bulwark.Gateway.Access;

/// <summary>Readiness of the access state, for GET /readyz: is it fresh enough to decide, and is the store reachable?</summary>
public interface IAccessHealth
{
    string Name { get; }

    /// <summary>Confirmed (store and, with many nodes, bus round-trip) within MaxStaleness.</summary>
    bool IsFresh { get; }

    /// <summary>Time since the last confirmation (TimeSpan.MaxValue before the first).</summary>
    TimeSpan Age { get; }

    /// <summary>The access version this node has applied.</summary>
    long Version { get; }

    bool StoreReachable { get; }

    /// <summary>With a bus configured: did the last heartbeat reach it? Always true without a bus.</summary>
    bool BusReachable { get; }
}
