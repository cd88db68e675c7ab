using Bulwark.Audit.Tree;

namespace Bulwark.Audit.Tests.Tree;

/// <summary>An in-memory node store fed by <see cref="CompactRange.Append"/>: the same data a real store keeps.</summary>
internal sealed class MemoryHashReader : IHashReader
{
    public Dictionary<NodeId, byte[]> Nodes { get; } = [];

    public CompactRange Range { get; } = new();

    public void Append(byte[] leafHash) => Range.Append(leafHash, (id, h) => Nodes[id] = h);

    public ValueTask<IReadOnlyList<byte[]>> ReadNodesAsync(IReadOnlyList<NodeId> ids, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<byte[]>>(ids.Select(id => Nodes[id]).ToArray());
}
