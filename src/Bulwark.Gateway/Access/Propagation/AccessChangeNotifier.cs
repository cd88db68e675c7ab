using Microsoft.Extensions.Logging;

namespace Bulwark.Gateway.Access.Propagation;

/// <summary>
/// Publishes a committed change's version on the bus and applies it on this node (when it runs one). The publish is
/// sent first and the local reload runs while it is on its way: the change is already committed, so the other nodes
/// need not wait for this node's own store read.
/// </summary>
public sealed class AccessChangeNotifier(IAccessBus bus, AccessStateManager? manager, ILogger<AccessChangeNotifier>? logger = null) : IAccessChangeNotifier
{
    public string Name => "access-notifier";

    public async Task NotifyAsync(long version, CancellationToken cancellationToken)
    {
        var published = PublishAsync(version, cancellationToken);
        try
        {
            if (manager is not null) await manager.ReloadAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger?.LogWarning("access: local reload after change {Version} failed ({Error}); the reconcile loop retries", version, ex.GetType().Name);
        }
        finally
        {
            await published;
        }
    }

    private async Task PublishAsync(long version, CancellationToken cancellationToken)
    {
        try
        {
            await bus.PublishAsync(version, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger?.LogWarning("access: publishing version {Version} on the {Bus} bus failed ({Error}); other nodes will find it by reconcile", version, bus.Name, ex.GetType().Name);
        }
    }
}
