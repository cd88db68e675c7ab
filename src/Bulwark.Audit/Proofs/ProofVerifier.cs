using Bulwark.Audit.Hashing;

namespace Bulwark.Audit.Proofs;

/// <summary>
/// Pure, static RFC 9162 proof verification (§2.1.3.2 inclusion, §2.1.4.2 consistency) and root computation.
/// The same code runs in tests, in `bulwark audit verify` and in a third party's hands. Bad input yields a failed
/// <see cref="ProofCheck"/>, never an exception.
/// </summary>
public static class ProofVerifier
{
    public static ProofCheck VerifyInclusion(ReadOnlySpan<byte> leafHash, long index, long size, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        if (leafHash.Length != MerkleHash.Size || root.Length != MerkleHash.Size) return ProofCheck.Fail("hashes must be 32 bytes");
        if (index < 0 || size < 0) return ProofCheck.Fail("index and size must not be negative");
        if (index >= size) return ProofCheck.Fail($"index {index} is not below tree size {size}");
        if (proof is null) return ProofCheck.Fail("no proof");
        var fn = index;
        var sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (p is null || p.Length != MerkleHash.Size) return ProofCheck.Fail("proof hashes must be 32 bytes");
            if (sn == 0) return ProofCheck.Fail("proof is too long");
            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHash.Node(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = MerkleHash.Node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) return ProofCheck.Fail("proof is too short");
        return r.AsSpan().SequenceEqual(root) ? ProofCheck.Ok : ProofCheck.Fail("computed root does not match");
    }

    public static ProofCheck VerifyConsistency(long size1, long size2, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2, IReadOnlyList<byte[]> proof)
    {
        if (root1.Length != MerkleHash.Size || root2.Length != MerkleHash.Size) return ProofCheck.Fail("hashes must be 32 bytes");
        if (size1 < 0 || size2 < 0) return ProofCheck.Fail("sizes must not be negative");
        if (size2 < size1) return ProofCheck.Fail($"size {size2} is smaller than {size1}");
        if (proof is null) return ProofCheck.Fail("no proof");
        if (size1 == size2)
        {
            if (proof.Count != 0) return ProofCheck.Fail("proof between equal sizes must be empty");
            return root1.SequenceEqual(root2) ? ProofCheck.Ok : ProofCheck.Fail("different roots for the same size");
        }
        if (size1 == 0)
        {
            if (proof.Count != 0) return ProofCheck.Fail("proof from the empty tree must be empty");
            return root1.SequenceEqual(MerkleHash.EmptyRoot()) ? ProofCheck.Ok : ProofCheck.Fail("root of the empty tree is wrong");
        }
        if (proof.Count == 0) return ProofCheck.Fail("proof is empty");
        foreach (var p in proof)
        {
            if (p is null || p.Length != MerkleHash.Size) return ProofCheck.Fail("proof hashes must be 32 bytes");
        }
        var path = new List<byte[]>(proof.Count + 1);
        if ((size1 & (size1 - 1)) == 0) path.Add(root1.ToArray());
        path.AddRange(proof);
        var fn = size1 - 1;
        var sn = size2 - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        var fr = path[0];
        var sr = path[0];
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0) return ProofCheck.Fail("proof is too long");
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHash.Node(c, fr);
                sr = MerkleHash.Node(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                sr = MerkleHash.Node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) return ProofCheck.Fail("proof is too short");
        if (!fr.AsSpan().SequenceEqual(root1)) return ProofCheck.Fail("proof does not reproduce the first root");
        if (!sr.AsSpan().SequenceEqual(root2)) return ProofCheck.Fail("proof does not reproduce the second root");
        return ProofCheck.Ok;
    }

    /// <summary>The RFC 9162 root of the given leaf hashes (O(n) time, O(log n) memory).</summary>
    public static byte[] RootFromLeafHashes(IEnumerable<byte[]> leafHashes)
    {
        var range = new Tree.CompactRange();
        foreach (var h in leafHashes) range.Append(h);
        return range.Root();
    }

    /// <summary>The RFC 9162 root of the given records (leaf data).</summary>
    public static byte[] RootFromLeaves(IEnumerable<byte[]> leaves) => RootFromLeafHashes(leaves.Select(l => MerkleHash.Leaf(l)));
}
