using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Bulwark.Audit.Notes;

/// <summary>
/// An Ed25519 signer for C2SP signed notes. Key strings: signer <c>PRIVATE+KEY+&lt;name&gt;+&lt;hex8&gt;+&lt;base64(0x01‖seed)&gt;</c>,
/// verifier <c>&lt;name&gt;+&lt;hex8&gt;+&lt;base64(0x01‖pubkey)&gt;</c>; the key hash is the first 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ pubkey).
/// </summary>
public sealed class NoteSigner : IDisposable
{
    internal const byte AlgEd25519 = 0x01;
    private readonly Key _key;

    private NoteSigner(string name, Key key)
    {
        Name = name;
        _key = key;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        KeyHash = ComputeKeyHash(name, PublicKey);
    }

    public string Name { get; }

    public byte[] PublicKey { get; }

    public uint KeyHash { get; }

    /// <summary>The verifier key string for this signer.</summary>
    public string VerifierKey => FormatVerifierKey(Name, PublicKey);

    public static NoteSigner Generate(string name)
    {
        ValidateName(name);
        var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return new NoteSigner(name, key);
    }

    public static NoteSigner FromSeed(string name, ReadOnlySpan<byte> seed)
    {
        ValidateName(name);
        if (seed.Length != 32) throw new FormatException("an Ed25519 seed is 32 bytes");
        var key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return new NoteSigner(name, key);
    }

    /// <summary>Parses a signer key string; throws <see cref="FormatException"/> when it is malformed.</summary>
    public static NoteSigner Parse(string signerKey)
    {
        var parts = (signerKey ?? "").Trim().Split('+', 5);
        if (parts.Length != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY")
            throw new FormatException("a signer key looks like PRIVATE+KEY+<name>+<hash>+<key>");
        var name = parts[2];
        byte[] blob;
        try { blob = Convert.FromBase64String(parts[4]); }
        catch (FormatException) { throw new FormatException("signer key material is not base64"); }
        if (blob.Length != 33 || blob[0] != AlgEd25519) throw new FormatException("signer key is not an Ed25519 key");
        var signer = FromSeed(name, blob.AsSpan(1));
        if (parts[3] != signer.KeyHash.ToString("x8", CultureInfo.InvariantCulture))
        {
            signer.Dispose();
            throw new FormatException("signer key hash does not match its key");
        }
        return signer;
    }

    /// <summary>The signer key string (secret: store with 0600 permissions, never log).</summary>
    public string ExportSignerKey()
    {
        var seed = _key.Export(KeyBlobFormat.RawPrivateKey);
        try
        {
            var blob = new byte[33];
            blob[0] = AlgEd25519;
            seed.CopyTo(blob, 1);
            var s = $"PRIVATE+KEY+{Name}+{KeyHash:x8}+{Convert.ToBase64String(blob)}";
            CryptographicOperations.ZeroMemory(blob);
            return s;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>Signs a note body (which must end in a newline) and returns the full signed note text.</summary>
    public string Sign(string text)
    {
        SignedNote.ValidateText(text);
        var sig = SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(text));
        var blob = new byte[4 + sig.Length];
        BinaryPrimitives.WriteUInt32BigEndian(blob, KeyHash);
        sig.CopyTo(blob, 4);
        return text + "\n" + "\u2014 " + Name + " " + Convert.ToBase64String(blob) + "\n";
    }

    public static uint ComputeKeyHash(string name, ReadOnlySpan<byte> publicKey) => ComputeKeyHash(name, AlgEd25519, publicKey);

    /// <summary>The signed-note key hash for a key of signature type <paramref name="algorithm"/> (0x01 notes, 0x04 cosignature/v1).</summary>
    internal static uint ComputeKeyHash(string name, byte algorithm, ReadOnlySpan<byte> publicKey)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(buffer, 0);
        buffer[nameBytes.Length] = (byte)'\n';
        buffer[nameBytes.Length + 1] = algorithm;
        publicKey.CopyTo(buffer.AsSpan(nameBytes.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(buffer));
    }

    public static string FormatVerifierKey(string name, ReadOnlySpan<byte> publicKey) => FormatVerifierKey(name, AlgEd25519, publicKey);

    internal static string FormatVerifierKey(string name, byte algorithm, ReadOnlySpan<byte> publicKey)
    {
        var blob = new byte[1 + publicKey.Length];
        blob[0] = algorithm;
        publicKey.CopyTo(blob.AsSpan(1));
        return $"{name}+{ComputeKeyHash(name, algorithm, publicKey):x8}+{Convert.ToBase64String(blob)}";
    }

    internal static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name)) throw new FormatException("key name must not be empty");
        foreach (var rune in name.EnumerateRunes())
        {
            if (rune.Value == '+' || Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
                throw new FormatException("key name must not contain '+', spaces or control characters");
        }
    }

    public void Dispose() => _key.Dispose();
}
