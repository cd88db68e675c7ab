using Bulwark.Audit.Hashing;

namespace Bulwark.Audit.Tree;

/// <summary>
/// Builds RFC 9162 §2.1.3 inclusion and §2.1.4 consistency proofs, and roots of earlier tree sizes, from stored
/// perfect-subtree hashes. Each proof element is the hash of a range [a, b) whose start is aligned to the largest
/// power of two not above its length, so it is the right fold of at most log n stored nodes: one batched read.
/// </summary>
public static class ProofBuilder
{
    /// <summary>The ranges whose hashes form the inclusion proof of leaf <paramref name="index"/> in a tree of <paramref name="size"/>, leaf side first.</summary>
    public static IReadOnlyList<(long Start, long End)> InclusionRanges(long index, long size)
    {
        if (index < 0 || size <= 0 || index >= size) throw new ArgumentOutOfRangeException(nameof(index), "index must be below size");
        var ranges = new List<(long, long)>();
        Path(index, 0, size, ranges);
        return ranges;
    }

    /// <summary>The ranges whose hashes form the consistency proof from <paramref name="size1"/> to <paramref name="size2"/>.</summary>
    public static IReadOnlyList<(long Start, long End)> ConsistencyRanges(long size1, long size2)
    {
        if (size1 < 0 || size2 < size1) throw new ArgumentOutOfRangeException(nameof(size1), "need 0 <= size1 <= size2");
        var ranges = new List<(long, long)>();
        if (size1 == 0 || size1 == size2) return ranges;
        SubProof(size1, 0, size2, true, ranges);
        return ranges;
    }

    public static async ValueTask<IReadOnlyList<byte[]>> InclusionProofAsync(IHashReader reader, long index, long size, CancellationToken cancellationToken) =>
        await HashRangesAsync(reader, InclusionRanges(index, size), cancellationToken).ConfigureAwait(false);

    public static async ValueTask<IReadOnlyList<byte[]>> ConsistencyProofAsync(IHashReader reader, long size1, long size2, CancellationToken cancellationToken) =>
        await HashRangesAsync(reader, ConsistencyRanges(size1, size2), cancellationToken).ConfigureAwait(false);

    /// <summary>The root of the tree's first <paramref name="size"/> leaves.</summary>
    public static async ValueTask<byte[]> RootAsync(IHashReader reader, long size, CancellationToken cancellationToken)
    {
        if (size < 0) throw new ArgumentOutOfRangeException(nameof(size));
        if (size == 0) return MerkleHash.EmptyRoot();
        var hashes = await HashRangesAsync(reader, [(0, size)], cancellationToken).ConfigureAwait(false);
        return hashes[0];
    }

    /// <summary>Hashes aligned ranges with one read of all the perfect nodes they need.</summary>
    public static async ValueTask<IReadOnlyList<byte[]>> HashRangesAsync(IHashReader reader, IReadOnlyList<(long Start, long End)> ranges, CancellationToken cancellationToken)
    {
        var parts = ranges.Select(r => CompactRange.Decompose(r.Start, r.End)).ToArray();
        var ids = parts.SelectMany(p => p).Distinct().ToArray();
        if (ids.Length == 0) return [];
        var read = await reader.ReadNodesAsync(ids, cancellationToken).ConfigureAwait(false);
        var byId = new Dictionary<NodeId, byte[]>(ids.Length);
        for (var i = 0; i < ids.Length; i++) byId[ids[i]] = read[i];
        return parts.Select(p => Fold(p.Select(id => byId[id]).ToArray())).ToArray();
    }

    /// <summary>Right fold of perfect subtree hashes, largest first: the RFC 9162 hash of their union.</summary>
    public static byte[] Fold(IReadOnlyList<byte[]> hashes)
    {
        if (hashes.Count == 0) return MerkleHash.EmptyRoot();
        var h = hashes[^1];
        for (var i = hashes.Count - 2; i >= 0; i--) h = MerkleHash.Node(hashes[i], h);
        return h;
    }

    internal static long LargestPowerOfTwoBelow(long n)
    {
        // The largest power of two strictly less than n (n >= 2).
        var k = 1L << (63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(n - 1)));
        return k;
    }

    private static void Path(long m, long start, long end, List<(long, long)> ranges)
    {
        var n = end - start;
        if (n <= 1) return;
        var k = LargestPowerOfTwoBelow(n);
        if (m < k)
        {
            Path(m, start, start + k, ranges);
            ranges.Add((start + k, end));
        }
        else
        {
            Path(m - k, start + k, end, ranges);
            ranges.Add((start, start + k));
        }
    }

    private static void SubProof(long m, long start, long end, bool b, List<(long, long)> ranges)
    {
        var n = end - start;
        if (m == n)
        {
            if (!b) ranges.Add((start, end));
            return;
        }
        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, b, ranges);
            ranges.Add((start + k, end));
        }
        else
        {
            SubProof(m - k, start + k, end, false, ranges);
            ranges.Add((start, start + k));
        }
    }
}
