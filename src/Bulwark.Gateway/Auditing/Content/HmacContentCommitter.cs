using System.Security.Cryptography;
using System.Text;

namespace Bulwark.Gateway.Auditing.Content;

/// <summary>HMAC-SHA-256 commitments under a per-deployment key (kept apart from the content encryption key).</summary>
public sealed class HmacContentCommitter : IContentCommitter
{
    public const string Prefix = "hmac-sha256:";
    private readonly byte[] _key;

    public HmacContentCommitter(byte[] key)
    {
        if (key.Length < 32) throw new ArgumentException("commitment key must be at least 32 bytes", nameof(key));
        _key = (byte[])key.Clone();
    }

    public string Name => "hmac-sha256";

    public string Commit(string text) => Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));

    public bool Matches(string text, string commitment) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Commit(text)), Encoding.ASCII.GetBytes(commitment ?? ""));
}
