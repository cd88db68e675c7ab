using Microsoft.Extensions.Logging;

namespace Bulwark.Gateway.Access.Propagation;

/// <summary>Applies a committed change on this node (when it runs one) and publishes its version on the bus.</summary>
public sealed class AccessChangeNotifier(IAccessBus bus, AccessStateManager? manager, ILogger<AccessChangeNotifier>? logger = null) : IAccessChangeNotifier
{
    public string Name => "access-notifier";

    public async Task NotifyAsync(long version, CancellationToken cancellationToken)
    {
        if (manager is not null)
        {
            try
            {
                await manager.ReloadAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger?.LogWarning("access: local reload after change {Version} failed ({Error}); the reconcile loop retries", version, ex.GetType().Name);
            }
        }
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
