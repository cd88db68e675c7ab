using System.Globalization;
using Bulwark.Audit.Notes;
using NSec.Cryptography;

namespace Bulwark.Audit.Witness;

/// <summary>A witness's cosignature/v1 verifier key (<c>&lt;name&gt;+&lt;hex8&gt;+&lt;base64(0x04‖public key)&gt;</c>).</summary>
public sealed class WitnessVerifier
{
    private readonly PublicKey _publicKey;

    private WitnessVerifier(string name, uint keyId, PublicKey publicKey, byte[] raw)
    {
        Name = name;
        KeyId = keyId;
        _publicKey = publicKey;
        RawPublicKey = raw;
    }

    public string Name { get; }

    public uint KeyId { get; }

    public byte[] RawPublicKey { get; }

    public override string ToString() => CosignatureV1.FormatVerifierKey(Name, RawPublicKey);

    public static bool TryParse(string? verifierKey, out WitnessVerifier? verifier, out string error)
    {
        verifier = null;
        var parts = (verifierKey ?? "").Trim().Split('+', 3);
        if (parts.Length != 3)
        {
            error = "a witness key looks like <name>+<hex8>+<base64 key>";
            return false;
        }
        try { NoteSigner.ValidateName(parts[0]); }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }
        if (parts[1].Length != 8 || !uint.TryParse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var id) || parts[1] != id.ToString("x8", CultureInfo.InvariantCulture))
        {
            error = "witness key hash must be 8 lower-case hex digits";
            return false;
        }
        byte[] blob;
        try { blob = Convert.FromBase64String(parts[2]); }
        catch (FormatException)
        {
            error = "witness key material is not base64";
            return false;
        }
        if (blob.Length != 33 || blob[0] != CosignatureV1.Algorithm)
        {
            error = "not a cosignature/v1 witness key (type 0x04, Ed25519)";
            return false;
        }
        var raw = blob[1..];
        if (CosignatureV1.KeyId(parts[0], raw) != id)
        {
            error = "witness key hash does not match its key";
            return false;
        }
        if (!PublicKey.TryImport(SignatureAlgorithm.Ed25519, raw, KeyBlobFormat.RawPublicKey, out var pk) || pk is null)
        {
            error = "witness key is not a valid Ed25519 public key";
            return false;
        }
        verifier = new WitnessVerifier(parts[0], id, pk, raw);
        error = "";
        return true;
    }

    public static WitnessVerifier Parse(string verifierKey) =>
        TryParse(verifierKey, out var v, out var error) ? v! : throw new FormatException(error);

    /// <summary>The timestamp of this witness's valid cosignature on <paramref name="note"/>, or null when it has none.</summary>
    public long? VerifiedTimestamp(SignedNote note)
    {
        foreach (var s in note.Signatures)
        {
            if (s.Name != Name || s.KeyHash != KeyId) continue;
            if (!CosignatureV1.TryReadTimestamp(s.Signature, out var timestamp)) continue;
            var message = CosignatureV1.Message(note.Text, timestamp);
            if (SignatureAlgorithm.Ed25519.Verify(_publicKey, message, s.Signature.AsSpan(8))) return timestamp;
        }
        return null;
    }

    /// <summary>Verifies one signature line (<c>— name base64</c>) against a checkpoint body, as a log does with a witness's answer.</summary>
    public bool VerifyLine(string checkpointBody, string line)
    {
        var note = checkpointBody + "\n" + line.TrimEnd('\n') + "\n";
        return SignedNote.TryParse(note, out var parsed, out _) && VerifiedTimestamp(parsed!) is not null;
    }
}
