namespace Bulwark.Gateway.Access.Propagation;

/// <summary>Told after a change was committed to the store at <c>version</c>: applies it locally and tells the other nodes.</summary>
public interface IAccessChangeNotifier
{
    string Name { get; }

    /// <summary>Never throws for an unreachable bus: the change is durable and every node's reconcile loop will find it.</summary>
    Task NotifyAsync(long version, CancellationToken cancellationToken);
}
