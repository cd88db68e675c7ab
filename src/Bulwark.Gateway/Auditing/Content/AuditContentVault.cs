using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Bulwark.Gateway.Auditing.Stores;

namespace Bulwark.Gateway.Auditing.Content;

/// <summary>
/// Optional store of prompt and response text beside the log (BulwarkOptions.StoreContent), outside the Merkle tree:
/// AES-256-GCM under its own key, bound to the leaf index and part as associated data. Purging by age deletes the
/// ciphertext; the tree and its proofs are untouched, and a purged item can no longer be opened.
/// </summary>
public sealed class AuditContentVault
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly IAuditStore _store;
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public AuditContentVault(IAuditStore store, byte[] key, TimeProvider time)
    {
        if (key.Length != 32) throw new ArgumentException("content key must be 32 bytes", nameof(key));
        _store = store;
        _key = (byte[])key.Clone();
        _time = time;
    }

    /// <summary>Encrypts and stores <paramref name="text"/> for leaf <paramref name="index"/> ("prompt" or "response").</summary>
    public Task StoreAsync(long index, string part, string text, CancellationToken cancellationToken)
    {
        var plain = Encoding.UTF8.GetBytes(text);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_key, TagSize))
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Aad(index, part));
        CryptographicOperations.ZeroMemory(plain);
        return _store.PutContentAsync(index, part, sealedBytes, _time.GetUtcNow(), cancellationToken);
    }

    /// <summary>The stored text, or null when absent, purged, or not authentic under this key.</summary>
    public async Task<string?> OpenAsync(long index, string part, CancellationToken cancellationToken)
    {
        var sealedBytes = await _store.GetContentAsync(index, part, cancellationToken).ConfigureAwait(false);
        if (sealedBytes is null || sealedBytes.Length < NonceSize + TagSize) return null;
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, Aad(index, part));
            return Encoding.UTF8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    /// <summary>Deletes content older than <paramref name="maxAge"/>; returns the number of items purged.</summary>
    public Task<int> PurgeAsync(TimeSpan maxAge, CancellationToken cancellationToken) =>
        _store.PurgeContentAsync(_time.GetUtcNow() - maxAge, cancellationToken);

    private static byte[] Aad(long index, string part)
    {
        var p = Encoding.UTF8.GetBytes(part);
        var aad = new byte[8 + p.Length];
        BinaryPrimitives.WriteInt64BigEndian(aad, index);
        p.CopyTo(aad, 8);
        return aad;
    }
}
