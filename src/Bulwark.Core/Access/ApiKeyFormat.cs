using System.Security.Cryptography;
using System.Text;

namespace Bulwark.Core.Access;

/// <summary>
/// The API key format: <c>bwk_&lt;8-char public id&gt;_&lt;43-char base64url secret (32 random bytes)&gt;</c>.
/// The public id is the key id shown in listings and audit records; the whole key is only ever shown once,
/// and only its SHA-256 hash is stored. Parsing never throws.
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "bwk_";
    public const int IdLength = 8;
    public const int SecretBytes = 32;
    public const int HashLength = 32;
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const int MaxKeyLength = 128;

    /// <summary>Total length of a well-formed key: prefix + id + '_' + base64url(32 bytes).</summary>
    public static readonly int KeyLength = Prefix.Length + IdLength + 1 + 43;

    public static string NewId()
    {
        Span<char> id = stackalloc char[IdLength];
        for (var i = 0; i < IdLength; i++) id[i] = IdAlphabet[RandomNumberGenerator.GetInt32(IdAlphabet.Length)];
        return new string(id);
    }

    /// <summary>A fresh key: its id, the full secret key (show once) and the hash to store.</summary>
    public static GeneratedApiKey Generate(string? id = null)
    {
        id ??= NewId();
        Span<byte> secret = stackalloc byte[SecretBytes];
        RandomNumberGenerator.Fill(secret);
        var key = Prefix + id + "_" + Base64Url(secret);
        return new GeneratedApiKey(id, key, Hash(key));
    }

    /// <summary>Splits a presented key into its public id. False for anything not shaped like a Bulwark key.</summary>
    public static bool TryParseId(ReadOnlySpan<char> presented, out ReadOnlySpan<char> id)
    {
        id = default;
        if (presented.Length != KeyLength || !presented.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var candidate = presented.Slice(Prefix.Length, IdLength);
        foreach (var c in candidate)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9'))) return false;
        }
        if (presented[Prefix.Length + IdLength] != '_') return false;
        foreach (var c in presented[(Prefix.Length + IdLength + 1)..])
        {
            if (c is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_')) return false;
        }
        id = candidate;
        return true;
    }

    public static bool IsValidId(string? id) => id is { Length: IdLength } && id.All(c => IdAlphabet.Contains(c, StringComparison.Ordinal));

    /// <summary>SHA-256 of the UTF-8 key.</summary>
    public static byte[] Hash(ReadOnlySpan<char> key)
    {
        var hash = new byte[HashLength];
        ComputeHash(key, hash);
        return hash;
    }

    /// <summary>Allocation-free hash for the hot path. Keys longer than 128 chars hash to a value no stored key has.</summary>
    public static void ComputeHash(ReadOnlySpan<char> key, Span<byte> destination)
    {
        if (key.Length > MaxKeyLength) key = key[..MaxKeyLength];
        Span<byte> utf8 = stackalloc byte[MaxKeyLength * 3];
        var n = Encoding.UTF8.GetBytes(key, utf8);
        SHA256.HashData(utf8[..n], destination);
    }

    /// <summary>Constant-time check of a presented key against a stored hash.</summary>
    public static bool Matches(ReadOnlySpan<char> presented, ReadOnlySpan<byte> storedHash)
    {
        Span<byte> hash = stackalloc byte[HashLength];
        ComputeHash(presented, hash);
        return CryptographicOperations.FixedTimeEquals(hash, storedHash);
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
