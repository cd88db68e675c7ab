using Bulwark.Core.Detection.Signatures;

namespace Bulwark.Cli.Commands.Report;

/// <summary>Plain-language meanings of the rule ids and denial codes that appear in a report.</summary>
internal static class ReportLegend
{
    private static readonly Dictionary<string, string> Signatures = SignatureCatalog.Input.Concat(SignatureCatalog.Output)
        .GroupBy(s => s.Id, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => $"{g.First().Category}: {g.First().Rationale}", StringComparer.Ordinal);

    private static readonly (string Prefix, string Meaning)[] Families =
    [
        ("BW-LIM-001", "limits: too many messages in the request"),
        ("BW-LIM-002", "limits: too many characters in total"),
        ("BW-LIM-003", "limits: max_tokens above the policy limit"),
        ("BW-OBF-", "obfuscation: text hidden or disguised by Unicode tricks or encodings (normalize guard)"),
        ("BW-JB-", "jailbreak signature"),
        ("BW-PI-", "prompt-injection signature"),
        ("BW-PE-", "prompt-extraction signature"),
        ("BW-OUT-", "harmful-output signature"),
        ("classifier.", "learned input classifier (n-gram and MiniLM cascade); the suffix names the head that scored"),
        ("output_classifier.", "learned harmful-output classifier"),
    ];

    private static readonly Dictionary<string, string> Reasons = new(StringComparer.Ordinal)
    {
        ["invalid_api_key"] = "the key is unknown",
        ["revoked"] = "the key was revoked by an operator",
        ["expired"] = "the key had expired",
        ["not_entitled"] = "the principal's groups do not include the model",
        ["directive"] = "a directive restricted the model to other groups",
        ["kill_switch"] = "a kill switch closed the model, its upstream or the gateway",
        ["suspended"] = "the principal is suspended (by an operator, or by the repeat-offender tracker)",
        ["rate_limited"] = "over the per-minute request or token limit; for a principal the repeat-offender tracker throttled, the limit was lowered, so those denials were caused by throttling (see the per-principal table)",
        ["stale_state"] = "the node's access state was older than MaxStaleness, so a protected model was refused (fail closed)",
        ["unknown_model"] = "the model is not configured",
        ["limits_unavailable"] = "the rate-limit store was unreachable and limits fail closed",
    };

    public static string Rule(string id)
    {
        if (Signatures.TryGetValue(id, out var meaning)) return meaning;
        foreach (var (prefix, m) in Families)
        {
            if (id.StartsWith(prefix, StringComparison.Ordinal)) return m;
        }
        return "rule of a guard not in the built-in catalogue";
    }

    public static string Reason(string code) => Reasons.GetValueOrDefault(code, "see the gateway's error codes");
}
