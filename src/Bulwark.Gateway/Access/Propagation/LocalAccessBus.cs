namespace Bulwark.Gateway.Access.Propagation;

/// <summary>Single node (Bus empty): changes are applied in-process by whoever makes them; nothing to carry.</summary>
public sealed class LocalAccessBus : IAccessBus
{
    public string Name => "local";

    public bool IsShared => false;

    public Task PublishAsync(long version, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SubscribeAsync(Func<long, Task> onVersion, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> PingAsync(CancellationToken cancellationToken) => Task.FromResult(true);
}
