using System.Globalization;
using System.Text;
using Bulwark.Audit.Hashing;

namespace Bulwark.Audit.Witness;

/// <summary>
/// The body of a C2SP tlog-witness <c>add-checkpoint</c> request: <c>old &lt;size&gt;\n</c>, up to 63 base64 consistency
/// proof lines, an empty line, then the signed checkpoint note.
/// </summary>
public sealed record AddCheckpointRequest(long OldSize, IReadOnlyList<byte[]> Proof, string Checkpoint)
{
    public const int MaxProofLines = 63;

    public string Format()
    {
        var sb = new StringBuilder();
        sb.Append("old ").Append(OldSize.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var h in Proof) sb.Append(Convert.ToBase64String(h)).Append('\n');
        sb.Append('\n').Append(Checkpoint);
        return sb.ToString();
    }

    public static bool TryParse(string body, out AddCheckpointRequest? request, out string error)
    {
        request = null;
        var split = body.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            error = "no empty line between the old size and proof lines and the checkpoint";
            return false;
        }
        var lines = body[..split].Split('\n');
        var first = lines[0];
        if (!first.StartsWith("old ", StringComparison.Ordinal))
        {
            error = "the first line must be 'old <size>'";
            return false;
        }
        var digits = first[4..];
        if (digits.Length == 0 || digits.Length > 19 || (digits.Length > 1 && digits[0] == '0') || !digits.All(char.IsAsciiDigit)
            || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var old))
        {
            error = "the old size is not a decimal number without leading zeroes";
            return false;
        }
        if (lines.Length - 1 > MaxProofLines)
        {
            error = "more than 63 consistency proof lines";
            return false;
        }
        var proof = new List<byte[]>();
        foreach (var line in lines.Skip(1))
        {
            byte[] hash;
            try { hash = Convert.FromBase64String(line); }
            catch (FormatException)
            {
                error = "a consistency proof line is not base64";
                return false;
            }
            if (hash.Length != MerkleHash.Size)
            {
                error = "a consistency proof line is not a 32-byte hash";
                return false;
            }
            proof.Add(hash);
        }
        request = new AddCheckpointRequest(old, proof, body[(split + 2)..]);
        error = "";
        return true;
    }
}
