using System.Security.Cryptography;

namespace Bulwark.Audit.Tests.Tree;

/// <summary>The slow, obvious RFC 6962 tree, written straight from the recursive definitions, to check the fast one against.</summary>
internal static class ReferenceTree
{
    public static byte[] LeafHash(byte[] data) => SHA256.HashData([0x00, .. data]);

    public static byte[] NodeHash(byte[] l, byte[] r) => SHA256.HashData([0x01, .. l, .. r]);

    private static int Split(int n)
    {
        var k = 1;
        while (k << 1 < n) k <<= 1;
        return k;
    }

    public static byte[] Mth(IReadOnlyList<byte[]> leafHashes, int start, int end)
    {
        var n = end - start;
        if (n == 0) return SHA256.HashData([]);
        if (n == 1) return leafHashes[start];
        var k = Split(n);
        return NodeHash(Mth(leafHashes, start, start + k), Mth(leafHashes, start + k, end));
    }

    public static List<byte[]> Path(IReadOnlyList<byte[]> leafHashes, int m, int start, int end)
    {
        var n = end - start;
        if (n <= 1) return [];
        var k = Split(n);
        if (m < k)
        {
            var p = Path(leafHashes, m, start, start + k);
            p.Add(Mth(leafHashes, start + k, end));
            return p;
        }
        var q = Path(leafHashes, m - k, start + k, end);
        q.Add(Mth(leafHashes, start, start + k));
        return q;
    }

    public static List<byte[]> Consistency(IReadOnlyList<byte[]> leafHashes, int m, int n) =>
        m == 0 || m == n ? [] : SubProof(leafHashes, m, 0, n, true);

    private static List<byte[]> SubProof(IReadOnlyList<byte[]> leafHashes, int m, int start, int end, bool b)
    {
        var n = end - start;
        if (m == n) return b ? [] : [Mth(leafHashes, start, end)];
        var k = Split(n);
        if (m <= k)
        {
            var p = SubProof(leafHashes, m, start, start + k, b);
            p.Add(Mth(leafHashes, start + k, end));
            return p;
        }
        var q = SubProof(leafHashes, m - k, start + k, end, false);
        q.Add(Mth(leafHashes, start, start + k));
        return q;
    }
}
