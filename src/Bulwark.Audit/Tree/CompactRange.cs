using Bulwark.Audit.Hashing;

namespace Bulwark.Audit.Tree;

/// <summary>
/// The compact range [0, size): one hash per set bit of size, largest subtree first. Appending a leaf costs
/// O(log n) hashes and reports each perfect node it completes, so storage can cache them for proofs.
/// </summary>
public sealed class CompactRange
{
    private readonly List<byte[]> _hashes = [];

    public CompactRange()
    {
    }

    private CompactRange(long size, IEnumerable<byte[]> hashes)
    {
        Size = size;
        _hashes.AddRange(hashes);
    }

    public long Size { get; private set; }

    /// <summary>The perfect subtrees that make up [0, size), largest first.</summary>
    public static IReadOnlyList<NodeId> Decompose(long size) => Decompose(0, size);

    /// <summary>The perfect, aligned subtrees that make up [start, end) when start is aligned to the largest of them.</summary>
    public static IReadOnlyList<NodeId> Decompose(long start, long end)
    {
        var ids = new List<NodeId>();
        var pos = start;
        while (pos < end)
        {
            var remaining = end - pos;
            var level = 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)remaining);
            // Alignment: the subtree must start at a multiple of its size.
            while (level > 0 && (pos & ((1L << level) - 1)) != 0) level--;
            ids.Add(new NodeId(level, pos >> level));
            pos += 1L << level;
        }
        return ids;
    }

    /// <summary>Rebuilds the range of a stored tree of <paramref name="size"/> leaves.</summary>
    public static async ValueTask<CompactRange> LoadAsync(IHashReader reader, long size, CancellationToken cancellationToken)
    {
        var ids = Decompose(size);
        var hashes = ids.Count == 0 ? [] : await reader.ReadNodesAsync(ids, cancellationToken).ConfigureAwait(false);
        return new CompactRange(size, hashes);
    }

    public static CompactRange FromHashes(long size, IReadOnlyList<byte[]> hashes)
    {
        if (hashes.Count != System.Numerics.BitOperations.PopCount((ulong)size))
            throw new ArgumentException("a compact range holds one hash per set bit of its size", nameof(hashes));
        return new CompactRange(size, hashes.Select(h => (byte[])h.Clone()));
    }

    public CompactRange Clone() => new(Size, _hashes.Select(h => (byte[])h.Clone()));

    /// <summary>Appends a leaf hash; <paramref name="completed"/> (optional) receives every perfect node it completes, leaf first.</summary>
    public void Append(byte[] leafHash, Action<NodeId, byte[]>? completed = null)
    {
        var index = Size;
        var current = leafHash;
        completed?.Invoke(new NodeId(0, index), current);
        var level = 0;
        while (((index >> level) & 1) == 1)
        {
            var left = _hashes[^1];
            _hashes.RemoveAt(_hashes.Count - 1);
            current = MerkleHash.Node(left, current);
            level++;
            completed?.Invoke(new NodeId(level, index >> level), current);
        }
        _hashes.Add(current);
        Size = index + 1;
    }

    /// <summary>The RFC 9162 root hash of [0, size).</summary>
    public byte[] Root()
    {
        if (_hashes.Count == 0) return MerkleHash.EmptyRoot();
        var root = _hashes[^1];
        for (var i = _hashes.Count - 2; i >= 0; i--) root = MerkleHash.Node(_hashes[i], root);
        return root;
    }

    public IReadOnlyList<byte[]> Hashes => _hashes;
}
