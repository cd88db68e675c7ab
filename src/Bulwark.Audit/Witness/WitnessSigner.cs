using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Bulwark.Audit.Notes;
using NSec.Cryptography;

namespace Bulwark.Audit.Witness;

/// <summary>
/// A witness's Ed25519 cosigning key. Key strings: signer <c>PRIVATE+KEY+&lt;name&gt;+&lt;hex8&gt;+&lt;base64(0x04‖seed)&gt;</c>,
/// verifier <c>&lt;name&gt;+&lt;hex8&gt;+&lt;base64(0x04‖public key)&gt;</c> (see <see cref="CosignatureV1"/>).
/// </summary>
public sealed class WitnessSigner : IDisposable
{
    private readonly Key _key;

    private WitnessSigner(string name, Key key)
    {
        Name = name;
        _key = key;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        KeyId = CosignatureV1.KeyId(name, PublicKey);
    }

    public string Name { get; }

    public byte[] PublicKey { get; }

    public uint KeyId { get; }

    public string VerifierKey => CosignatureV1.FormatVerifierKey(Name, PublicKey);

    public static WitnessSigner Generate(string name)
    {
        NoteSigner.ValidateName(name);
        return new WitnessSigner(name, Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));
    }

    /// <summary>Parses a signer key string; throws <see cref="FormatException"/> when it is malformed.</summary>
    public static WitnessSigner Parse(string signerKey)
    {
        var parts = (signerKey ?? "").Trim().Split('+', 5);
        if (parts.Length != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY")
            throw new FormatException("a witness signer key looks like PRIVATE+KEY+<name>+<hash>+<key>");
        NoteSigner.ValidateName(parts[2]);
        byte[] blob;
        try { blob = Convert.FromBase64String(parts[4]); }
        catch (FormatException) { throw new FormatException("witness key material is not base64"); }
        if (blob.Length != 33 || blob[0] != CosignatureV1.Algorithm) throw new FormatException("not a cosignature/v1 (Ed25519, type 0x04) witness key");
        var key = Key.Import(SignatureAlgorithm.Ed25519, blob.AsSpan(1), KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        CryptographicOperations.ZeroMemory(blob);
        var signer = new WitnessSigner(parts[2], key);
        if (parts[3] != signer.KeyId.ToString("x8", CultureInfo.InvariantCulture))
        {
            signer.Dispose();
            throw new FormatException("witness key hash does not match its key");
        }
        return signer;
    }

    /// <summary>The signer key string (secret).</summary>
    public string ExportSignerKey()
    {
        var seed = _key.Export(KeyBlobFormat.RawPrivateKey);
        var blob = new byte[33];
        try
        {
            blob[0] = CosignatureV1.Algorithm;
            seed.CopyTo(blob, 1);
            return $"PRIVATE+KEY+{Name}+{KeyId:x8}+{Convert.ToBase64String(blob)}";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            CryptographicOperations.ZeroMemory(blob);
        }
    }

    /// <summary>Cosigns a checkpoint body (origin, size, root and any extension lines) and returns the signature line, ending in a newline.</summary>
    public string Cosign(string checkpointBody, long timestamp)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timestamp);
        var signature = SignatureAlgorithm.Ed25519.Sign(_key, CosignatureV1.Message(checkpointBody, timestamp));
        var blob = new byte[CosignatureV1.SignatureBlobLength];
        BinaryPrimitives.WriteUInt32BigEndian(blob, KeyId);
        BinaryPrimitives.WriteUInt64BigEndian(blob.AsSpan(4), (ulong)timestamp);
        signature.CopyTo(blob, 12);
        return "\u2014 " + Name + " " + Convert.ToBase64String(blob) + "\n";
    }

    public void Dispose() => _key.Dispose();
}
