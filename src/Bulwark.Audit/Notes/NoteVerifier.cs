using System.Globalization;
using NSec.Cryptography;

namespace Bulwark.Audit.Notes;

/// <summary>A parsed Ed25519 verifier key (<c>&lt;name&gt;+&lt;hex8&gt;+&lt;base64(0x01‖pubkey)&gt;</c>).</summary>
public sealed class NoteVerifier
{
    private readonly PublicKey _publicKey;

    private NoteVerifier(string name, uint keyHash, byte[] raw, PublicKey publicKey)
    {
        Name = name;
        KeyHash = keyHash;
        RawPublicKey = raw;
        _publicKey = publicKey;
    }

    public string Name { get; }

    public uint KeyHash { get; }

    public byte[] RawPublicKey { get; }

    public override string ToString() => NoteSigner.FormatVerifierKey(Name, RawPublicKey);

    public static bool TryParse(string? verifierKey, out NoteVerifier? verifier, out string error)
    {
        verifier = null;
        var parts = (verifierKey ?? "").Trim().Split('+', 3);
        if (parts.Length != 3)
        {
            error = "a verifier key looks like <name>+<hex8>+<base64 key>";
            return false;
        }
        try
        {
            NoteSigner.ValidateName(parts[0]);
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }
        if (parts[1].Length != 8 || !uint.TryParse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hash) || parts[1] != hash.ToString("x8", CultureInfo.InvariantCulture))
        {
            error = "verifier key hash must be 8 hex digits";
            return false;
        }
        byte[] blob;
        try { blob = Convert.FromBase64String(parts[2]); }
        catch (FormatException)
        {
            error = "verifier key material is not base64";
            return false;
        }
        if (blob.Length != 33 || blob[0] != NoteSigner.AlgEd25519)
        {
            error = "verifier key is not an Ed25519 key";
            return false;
        }
        var raw = blob[1..];
        if (NoteSigner.ComputeKeyHash(parts[0], raw) != hash)
        {
            error = "verifier key hash does not match its key";
            return false;
        }
        if (!PublicKey.TryImport(SignatureAlgorithm.Ed25519, raw, KeyBlobFormat.RawPublicKey, out var pk) || pk is null)
        {
            error = "verifier key is not a valid Ed25519 public key";
            return false;
        }
        verifier = new NoteVerifier(parts[0], hash, raw, pk);
        error = "";
        return true;
    }

    public static NoteVerifier Parse(string verifierKey) =>
        TryParse(verifierKey, out var v, out var error) ? v! : throw new FormatException(error);

    internal bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        signature.Length == 64 && SignatureAlgorithm.Ed25519.Verify(_publicKey, message, signature);
}
