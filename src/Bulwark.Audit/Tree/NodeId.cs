namespace Bulwark.Audit.Tree;

/// <summary>A perfect subtree: <see cref="Level"/> 0 is a leaf; the node covers leaves [Index·2^Level, (Index+1)·2^Level).</summary>
public readonly record struct NodeId(int Level, long Index)
{
    public long Start => Index << Level;

    public long End => (Index + 1) << Level;
}
