using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Bulwark.Core.Guards;

namespace Bulwark.Extensions.AI;

/// <summary>
/// A local, append-only audit log: one JSON line per call with the policy and hash in force, the verdicts (actions,
/// categories, rule ids, PII counts) and a hash chained to the previous line's, never prompt or answer text. Appends
/// are serialised and flushed before the receipt is returned. A log that cannot be written throws: the call fails
/// rather than going unaudited.
/// </summary>
public sealed class LocalAuditLog
{
    private readonly string _path;
    private readonly Lock _lock = new();
    private long _next;
    private string _last = new('0', 64);

    public LocalAuditLog(string path)
    {
        _path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        if (!File.Exists(_path)) return;
        foreach (var line in File.ReadLines(_path))
        {
            if (JsonNode.Parse(line) is JsonObject o && o["hash"] is JsonValue h) { _last = h.GetValue<string>(); _next++; }
        }
    }

    public AuditReceipt Append(string requestId, DateTimeOffset time, CallerInfo caller, string policy, string policyHash, string outcome, Verdict? input, Verdict? output)
    {
        lock (_lock)
        {
            var o = new JsonObject
            {
                ["index"] = _next, ["time"] = time.UtcDateTime.ToString("O"), ["request_id"] = requestId, ["principal"] = caller.PrincipalId,
                ["policy"] = policy, ["policy_hash"] = policyHash, ["outcome"] = outcome, ["prev"] = _last,
            };
            if (input is not null) o["input"] = VerdictJson(input);
            if (output is not null) o["output"] = VerdictJson(output);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(o.ToJsonString())));
            o["hash"] = hash;
            using (var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
            {
                writer.Write(o.ToJsonString());
                writer.Write('\n');
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            var receipt = new AuditReceipt(_next, hash);
            _next++;
            _last = hash;
            return receipt;
        }
    }

    private static JsonObject VerdictJson(Verdict v)
    {
        var o = new JsonObject
        {
            ["action"] = v.Action.ToString().ToLowerInvariant(),
            ["categories"] = new JsonArray(v.Categories.Select(c => (JsonNode)c).ToArray()),
            ["rules"] = new JsonArray(v.RuleIds.Select(c => (JsonNode)c).ToArray()),
        };
        var pii = v.Notes.Where(n => n.StartsWith("pii.", StringComparison.Ordinal)).ToArray();
        if (pii.Length > 0) o["pii"] = new JsonArray(pii.Select(n => (JsonNode)n[4..]).ToArray());
        return o;
    }
}
