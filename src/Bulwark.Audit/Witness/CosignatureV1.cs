using System.Buffers.Binary;
using Bulwark.Audit.Notes;
using System.Globalization;
using System.Text;

namespace Bulwark.Audit.Witness;

/// <summary>
/// The C2SP tlog-cosignature Ed25519 format (<c>cosignature/v1</c>): the key ID is
/// <c>SHA-256(name ‖ "\n" ‖ 0x04 ‖ public key)[:4]</c>; the signature blob is <c>key ID ‖ u64 timestamp ‖ Ed25519 signature</c>;
/// the signed message is <c>"cosignature/v1\ntime &lt;timestamp&gt;\n"</c> followed by the whole checkpoint body.
/// </summary>
public static class CosignatureV1
{
    public const byte Algorithm = 0x04;
    public const string Header = "cosignature/v1";
    public const int SignatureBlobLength = 4 + 8 + 64;

    public static byte[] Message(string checkpointBody, long timestamp) =>
        Encoding.UTF8.GetBytes(Header + "\ntime " + timestamp.ToString(CultureInfo.InvariantCulture) + "\n" + checkpointBody);

    public static uint KeyId(string name, ReadOnlySpan<byte> publicKey) => NoteSigner.ComputeKeyHash(name, Algorithm, publicKey);

    public static string FormatVerifierKey(string name, ReadOnlySpan<byte> publicKey) => NoteSigner.FormatVerifierKey(name, Algorithm, publicKey);

    /// <summary>Reads the timestamp of a cosignature blob (after the key ID); false when the blob is not 76 bytes.</summary>
    public static bool TryReadTimestamp(ReadOnlySpan<byte> signatureAfterKeyId, out long timestamp)
    {
        timestamp = 0;
        if (signatureAfterKeyId.Length != SignatureBlobLength - 4) return false;
        var t = BinaryPrimitives.ReadUInt64BigEndian(signatureAfterKeyId);
        if (t > long.MaxValue) return false;
        timestamp = (long)t;
        return true;
    }
}
