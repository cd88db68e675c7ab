using System.Buffers.Binary;
using System.Text;

namespace Bulwark.Audit.Notes;

/// <summary>
/// A C2SP signed note: UTF-8 text ending in a newline, a blank line, then one or more lines
/// <c>— &lt;name&gt; &lt;base64(keyhash4 ‖ signature)&gt;</c> (em dash U+2014).
/// </summary>
public sealed record SignedNote(string Text, IReadOnlyList<NoteSignature> Signatures)
{
    private const string SigPrefix = "\u2014 ";

    public static bool TryParse(string? note, out SignedNote? parsed, out string error)
    {
        parsed = null;
        if (string.IsNullOrEmpty(note))
        {
            error = "note is empty";
            return false;
        }
        if (note.Contains('\r') || note.Contains('\t'))
        {
            error = "note contains a carriage return or tab";
            return false;
        }
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            error = "note has no blank line before its signatures";
            return false;
        }
        var text = note[..(split + 1)];
        var sigBlock = note[(split + 2)..];
        if (!sigBlock.EndsWith('\n'))
        {
            error = "note does not end with a newline";
            return false;
        }
        var signatures = new List<NoteSignature>();
        foreach (var line in sigBlock[..^1].Split('\n'))
        {
            if (!line.StartsWith(SigPrefix, StringComparison.Ordinal))
            {
                error = "signature line does not start with an em dash";
                return false;
            }
            var rest = line[SigPrefix.Length..];
            var space = rest.IndexOf(' ');
            if (space <= 0 || rest.IndexOf(' ', space + 1) >= 0)
            {
                error = "signature line is not '— <name> <signature>'";
                return false;
            }
            byte[] blob;
            try { blob = Convert.FromBase64String(rest[(space + 1)..]); }
            catch (FormatException)
            {
                error = "signature is not base64";
                return false;
            }
            if (blob.Length < 5)
            {
                error = "signature is too short";
                return false;
            }
            signatures.Add(new NoteSignature(rest[..space], BinaryPrimitives.ReadUInt32BigEndian(blob), blob[4..]));
        }
        if (signatures.Count == 0)
        {
            error = "note has no signatures";
            return false;
        }
        parsed = new SignedNote(text, signatures);
        error = "";
        return true;
    }

    /// <summary>True when one of the signatures is a valid signature by <paramref name="verifier"/>.</summary>
    public bool IsSignedBy(NoteVerifier verifier)
    {
        var message = Encoding.UTF8.GetBytes(Text);
        foreach (var s in Signatures)
        {
            if (s.Name == verifier.Name && s.KeyHash == verifier.KeyHash && verifier.Verify(message, s.Signature)) return true;
        }
        return false;
    }

    internal static void ValidateText(string text)
    {
        if (string.IsNullOrEmpty(text) || !text.EndsWith('\n')) throw new FormatException("note text must end with a newline");
        if (text.Contains("\n\n", StringComparison.Ordinal) || text.StartsWith('\n')) throw new FormatException("note text must not contain blank lines");
        if (text.Contains('\r') || text.Contains('\t')) throw new FormatException("note text must not contain carriage returns or tabs");
    }
}
