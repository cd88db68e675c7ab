namespace Bulwark.Gateway.Access.Propagation;

/// <summary>Carries access version bumps between nodes. The single-node bus carries nothing and is always reachable.</summary>
public interface IAccessBus
{
    string Name { get; }

    bool IsShared { get; }

    /// <summary>Publishes a new access version. Throws when the bus is unreachable (the change is already in the store; reconcile will catch it).</summary>
    Task PublishAsync(long version, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="onVersion"/> for every version published by any node (including this one).</summary>
    Task SubscribeAsync(Func<long, Task> onVersion, CancellationToken cancellationToken);

    /// <summary>A round trip to the bus; false when it is unreachable. Never throws.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);
}
