using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Bulwark.Audit.Notes;

namespace Bulwark.Cli.Commands.Report;

/// <summary>
/// The signed digest of a report's JSON: a C2SP signed note, signed with the log's own key, whose text is
/// <c>bulwark-report/v1</c>, the log's origin, the verified tree size and root, and <c>sha256 &lt;base64&gt;</c> of the JSON file's bytes.
/// </summary>
internal static class ReportSignature
{
    public const string Header = "bulwark-report/v1";

    public static string Digest(byte[] json) => Convert.ToBase64String(SHA256.HashData(json));

    public static string Sign(NoteSigner signer, ReportVerification v, byte[] json) =>
        signer.Sign($"{Header}\norigin {v.Origin}\nsize {v.TreeSize}\nroot {v.RootHash}\nsha256 {Digest(json)}\n");

    /// <summary>Checks the signature note against the key and the JSON's bytes, and that the JSON is a valid report of the signed tree.</summary>
    public static bool Verify(string note, NoteVerifier key, byte[] json, out string message)
    {
        if (!SignedNote.TryParse(note, out var signed, out var error))
        {
            message = "the signature file is not a signed note: " + error;
            return false;
        }
        if (!signed!.IsSignedBy(key))
        {
            message = $"the report is not signed by {key}";
            return false;
        }
        var fields = signed.Text.TrimEnd('\n').Split('\n');
        if (fields.Length != 5 || fields[0] != Header)
        {
            message = "the signed note is not a bulwark-report/v1 digest";
            return false;
        }
        var values = fields.Skip(1).Select(f => f.Split(' ', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);
        if (values.GetValueOrDefault("sha256") != Digest(json))
        {
            message = "the report's bytes do not match the signed digest: the report was changed after signing";
            return false;
        }
        JsonNode? report;
        try { report = JsonNode.Parse(json); }
        catch (System.Text.Json.JsonException ex)
        {
            message = "the report is not JSON: " + ex.Message;
            return false;
        }
        var v = report?["verification"];
        if (v?["valid"]?.GetValue<bool>() != true
            || v["tree_size"]?.ToString() != values.GetValueOrDefault("size")
            || v["root_hash"]?.GetValue<string>() != values.GetValueOrDefault("root"))
        {
            message = "the report's verification block does not match the signed tree";
            return false;
        }
        message = $"VALID: report signed by {key.Name}+{key.KeyHash:x8}; log {values["origin"]} at tree size {values["size"]}, root {values["root"]}";
        return true;
    }
}
