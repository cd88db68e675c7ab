using System.Text.Json.Nodes;
using Bulwark.Core.Guards;

namespace Bulwark.Cli.Commands.Detection;

/// <summary>JSON renderings of a verdict: the full one for <c>scan</c>, the batch line for <c>scan --jsonl</c>.</summary>
internal static class VerdictJson
{
    public static string Action(GuardAction a) => a switch
    {
        GuardAction.Allow => "allow",
        GuardAction.Flag => "flag",
        GuardAction.Redact => "redact",
        _ => "block",
    };

    public static JsonObject Full(Verdict v) => new()
    {
        ["stage"] = v.Stage == GuardStage.Input ? "input" : "output",
        ["flagged"] = v.Action != GuardAction.Allow,
        ["action"] = Action(v.Action),
        ["score"] = v.Score,
        ["categories"] = new JsonArray(v.Categories.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
        ["ruleIds"] = new JsonArray(v.RuleIds.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
        ["reason"] = v.Reason,
        ["guards"] = new JsonArray(v.Guards.Select(g => (JsonNode?)new JsonObject
        {
            ["name"] = g.Name,
            ["action"] = Action(g.Action),
            ["score"] = g.Score,
            ["categories"] = new JsonArray(g.Categories.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
            ["ms"] = Math.Round(g.Milliseconds, 3),
            ["error"] = g.Error,
        }).ToArray()),
        ["notes"] = new JsonArray(v.Notes.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
        ["policy"] = v.PolicyName,
        ["policyHash"] = v.PolicyHash,
        ["ms"] = Math.Round(v.Milliseconds, 3),
    };

    /// <summary>The batch output line: id, source, verdict summary, then the input's other fields copied through.</summary>
    public static JsonObject Line(JsonNode? id, JsonNode? source, Verdict v, IEnumerable<KeyValuePair<string, JsonNode?>> passthrough)
    {
        var o = new JsonObject
        {
            ["id"] = id?.DeepClone(),
            ["source"] = source?.DeepClone(),
            ["flagged"] = v.Action != GuardAction.Allow,
            ["action"] = Action(v.Action),
            ["score"] = v.Score,
            ["categories"] = new JsonArray(v.Categories.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
            ["guards"] = new JsonArray(v.Guards.Select(g => (JsonNode?)new JsonObject
            {
                ["name"] = g.Name,
                ["score"] = g.Score,
                ["ms"] = Math.Round(g.Milliseconds, 3),
            }).ToArray()),
            ["ms"] = Math.Round(v.Milliseconds, 3),
        };
        foreach (var (k, value) in passthrough)
        {
            if (!o.ContainsKey(k)) o[k] = value?.DeepClone();
        }
        return o;
    }
}
