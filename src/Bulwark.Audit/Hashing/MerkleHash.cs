using System.Security.Cryptography;

namespace Bulwark.Audit.Hashing;

/// <summary>RFC 6962 / RFC 9162 §2.1.1 hashing: leaf = SHA-256(0x00 ‖ data), node = SHA-256(0x01 ‖ left ‖ right).</summary>
public static class MerkleHash
{
    public const int Size = 32;

    private static readonly byte[] EmptyRootBytes = SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>The root of the empty tree: SHA-256 of the empty string.</summary>
    public static byte[] EmptyRoot() => (byte[])EmptyRootBytes.Clone();

    public static byte[] Leaf(ReadOnlySpan<byte> data)
    {
        var hash = new byte[Size];
        Leaf(data, hash);
        return hash;
    }

    public static void Leaf(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (data.Length <= 1024)
        {
            Span<byte> buffer = stackalloc byte[1 + data.Length];
            buffer[0] = 0x00;
            data.CopyTo(buffer[1..]);
            SHA256.HashData(buffer, destination);
            return;
        }
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        ReadOnlySpan<byte> prefix = [0x00];
        h.AppendData(prefix);
        h.AppendData(data);
        h.GetHashAndReset(destination);
    }

    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[Size];
        Node(left, right, hash);
        return hash;
    }

    public static void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[1 + 2 * Size];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Size)..]);
        SHA256.HashData(buffer, destination);
    }
}
