using System.Globalization;
using Bulwark.Audit.Hashing;

namespace Bulwark.Audit.Notes;

/// <summary>
/// A C2SP tlog-checkpoint body: <c>&lt;origin&gt;\n&lt;size&gt;\n&lt;base64 root&gt;\n</c> plus optional extension lines.
/// </summary>
public sealed record Checkpoint(string Origin, long Size, byte[] RootHash)
{
    public string ToBody() => $"{Origin}\n{Size.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(RootHash)}\n";

    /// <summary>Signs this checkpoint and returns the signed note text.</summary>
    public string Sign(NoteSigner signer) => signer.Sign(ToBody());

    public static bool TryParseBody(string text, out Checkpoint? checkpoint, out string error)
    {
        checkpoint = null;
        var lines = text.Split('\n');
        // text ends with '\n' so the last element is empty
        if (lines.Length < 4 || lines[^1].Length != 0)
        {
            error = "checkpoint needs origin, size and root lines";
            return false;
        }
        if (lines[0].Length == 0)
        {
            error = "checkpoint origin is empty";
            return false;
        }
        if (lines[1].Length == 0 || lines[1].Length > 19 || (lines[1].Length > 1 && lines[1][0] == '0') || !lines[1].All(char.IsAsciiDigit)
            || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            error = "checkpoint size is not a decimal number";
            return false;
        }
        byte[] root;
        try { root = Convert.FromBase64String(lines[2]); }
        catch (FormatException)
        {
            error = "checkpoint root is not base64";
            return false;
        }
        if (root.Length != MerkleHash.Size)
        {
            error = "checkpoint root is not 32 bytes";
            return false;
        }
        checkpoint = new Checkpoint(lines[0], size, root);
        error = "";
        return true;
    }

    /// <summary>Parses a signed checkpoint note and checks it is signed by <paramref name="verifier"/> with the expected origin (when given).</summary>
    public static bool TryOpen(string note, NoteVerifier verifier, string? expectedOrigin, out Checkpoint? checkpoint, out string error)
    {
        checkpoint = null;
        if (!SignedNote.TryParse(note, out var signed, out error)) return false;
        if (!signed!.IsSignedBy(verifier))
        {
            error = "checkpoint is not signed by the given key";
            return false;
        }
        if (!TryParseBody(signed.Text, out checkpoint, out error)) return false;
        if (expectedOrigin is not null && checkpoint!.Origin != expectedOrigin)
        {
            error = $"checkpoint origin '{checkpoint.Origin}' is not '{expectedOrigin}'";
            checkpoint = null;
            return false;
        }
        return true;
    }
}
