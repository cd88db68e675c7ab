namespace Bulwark.Audit.Tree;

/// <summary>
/// Reads stored hashes of perfect subtrees (level 0: leaf hashes). Only nodes of a tree that has been fully
/// appended up to the node's end are ever requested. Returns the hashes in the order of <paramref name="ids"/>.
/// </summary>
public interface IHashReader
{
    ValueTask<IReadOnlyList<byte[]>> ReadNodesAsync(IReadOnlyList<NodeId> ids, CancellationToken cancellationToken);
}
