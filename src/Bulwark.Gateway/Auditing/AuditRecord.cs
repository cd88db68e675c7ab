using System.Globalization;
using System.Text.Json.Nodes;
using Bulwark.Audit.Canonical;

namespace Bulwark.Gateway.Auditing;

/// <summary>
/// One audit log entry. Serialised as RFC 8785 canonical JSON (<see cref="ToCanonicalBytes"/>): those bytes are the
/// Merkle leaf. It never holds prompt or response text, only keyed commitments of them. Absent fields are omitted.
/// Kinds: "request" (one API call, final), "stream_start" (a streamed call, written before the first byte, its index
/// is the receipt header), "stream_end" (the same call's outcome, linked by request id), "admin" (an operator action),
/// "offender" (a repeat-offender escalation).
/// </summary>
public sealed record AuditRecord
{
    public const int FormatVersion = 1;

    public required string Kind { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required string RequestId { get; init; }

    public string? Principal { get; init; }

    public string? KeyId { get; init; }

    public IReadOnlyList<string>? Groups { get; init; }

    public string? Model { get; init; }

    /// <summary>"openai", "anthropic", "models", "admin", "audit".</summary>
    public string? Protocol { get; init; }

    public string? Route { get; init; }

    public string? PolicyName { get; init; }

    public string? PolicyHash { get; init; }

    /// <summary>"served", "blocked_input", "blocked_output", "denied", "invalid", "upstream_error", "client_closed", "streaming", "withdrawn", "ok".</summary>
    public required string Outcome { get; init; }

    public int Status { get; init; }

    /// <summary>Machine reason for a denial or an error (e.g. "revoked", "not_entitled", "malformed_json").</summary>
    public string? Reason { get; init; }

    public AuditVerdict? Input { get; init; }

    public AuditVerdict? Output { get; init; }

    /// <summary>"hmac-sha256:&lt;hex&gt;" of the canonical prompt text.</summary>
    public string? PromptCommitment { get; init; }

    /// <summary>"hmac-sha256:&lt;hex&gt;" of the response text that was released to the client.</summary>
    public string? ResponseCommitment { get; init; }

    public int? PromptTokens { get; init; }

    public int? CompletionTokens { get; init; }

    public double? DurationMs { get; init; }

    /// <summary>Admin records: who acted (principal id), the action (e.g. "key.revoke", "directive.issue", "killswitch.on") and its target.</summary>
    public string? Actor { get; init; }

    public string? Action { get; init; }

    public string? Target { get; init; }

    /// <summary>Admin and offender records: extra structured facts (no secrets, no content).</summary>
    public JsonObject? Details { get; init; }

    public JsonObject ToJson()
    {
        var o = new JsonObject
        {
            ["v"] = FormatVersion,
            ["kind"] = Kind,
            ["time"] = Time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["request_id"] = RequestId,
            ["outcome"] = Outcome,
        };
        if (Status != 0) o["status"] = Status;
        Add(o, "principal", Principal);
        Add(o, "key_id", KeyId);
        if (Groups is { Count: > 0 }) o["groups"] = new JsonArray(Groups.Select(g => (JsonNode)g).ToArray());
        Add(o, "model", Model);
        Add(o, "protocol", Protocol);
        Add(o, "route", Route);
        Add(o, "policy", PolicyName);
        Add(o, "policy_hash", PolicyHash);
        Add(o, "reason", Reason);
        if (Input is not null) o["input"] = VerdictJson(Input);
        if (Output is not null) o["output"] = VerdictJson(Output);
        Add(o, "prompt_commitment", PromptCommitment);
        Add(o, "response_commitment", ResponseCommitment);
        if (PromptTokens is { } pt) o["prompt_tokens"] = pt;
        if (CompletionTokens is { } ct) o["completion_tokens"] = ct;
        if (DurationMs is { } d) o["duration_ms"] = Math.Round(d, 3);
        Add(o, "actor", Actor);
        Add(o, "action", Action);
        Add(o, "target", Target);
        if (Details is not null) o["details"] = Details.DeepClone();
        return o;
    }

    public byte[] ToCanonicalBytes() => JsonCanonicalizer.Canonicalize(ToJson());

    private static void Add(JsonObject o, string name, string? value)
    {
        if (value is not null) o[name] = value;
    }

    private static JsonObject VerdictJson(AuditVerdict v)
    {
        var o = VerdictCore(v);
        if (v.Pii.Count > 0) o["pii"] = new JsonObject(v.Pii.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        return o;
    }

    private static JsonObject VerdictCore(AuditVerdict v) => new()
    {
        ["action"] = v.Action,
        ["score"] = v.Score,
        ["categories"] = new JsonArray(v.Categories.Select(c => (JsonNode)c).ToArray()),
        ["rules"] = new JsonArray(v.RuleIds.Select(c => (JsonNode)c).ToArray()),
        ["guards"] = new JsonArray(v.Guards.Select(g =>
        {
            var go = new JsonObject
            {
                ["name"] = g.Name, ["action"] = g.Action, ["score"] = g.Score,
                ["categories"] = new JsonArray(g.Categories.Select(c => (JsonNode)c).ToArray()),
            };
            if (g.Error is not null) go["error"] = g.Error;
            return (JsonNode)go;
        }).ToArray()),
    };
}
