using System.Text.Json.Nodes;
using Bulwark.Core.Guards;

namespace Bulwark.Gateway.ExternalGuards;

/// <summary>
/// Qwen3Guard-Gen behind an OpenAI-compatible chat endpoint: the reply's content holds <c>Safety: Safe|Unsafe|Controversial</c>,
/// <c>Categories: …</c> (one or more of its nine names, or None) and, for a response, <c>Refusal: Yes|No</c>. Unsafe scores
/// 1.0 and Controversial 0.6 (inside the default policy's flag band) in the mapped categories. A reply without a
/// Safety line, or with an unknown category, is a format error.
/// </summary>
public sealed class Qwen3GuardFormat : IGuardModelFormat
{
    private const string SafetyLabel = "Safety:";
    private const string CategoriesLabel = "Categories:";
    private const double ControversialScore = 0.6;

    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Violent"] = Categories.ViolentCrime, ["Non-violent Illegal Acts"] = Categories.NonViolentCrime,
        ["Sexual Content or Sexual Acts"] = Categories.Sexual, ["PII"] = Categories.Privacy,
        ["Suicide & Self-Harm"] = Categories.SelfHarm, ["Unethical Acts"] = Categories.Harmful,
        ["Politically Sensitive Topics"] = Categories.Misinformation, ["Copyright Violation"] = Categories.Harmful,
        ["Jailbreak"] = Categories.Jailbreak,
    };

    public string Kind => ExternalGuardOptions.Qwen3Guard;

    public string Path => ChatCompletions.Path;

    public JsonObject BuildRequest(string? model, GuardedText text) => ChatCompletions.Request(model, text);

    public IReadOnlyList<Finding> ParseReply(JsonNode? reply) => Parse(ChatCompletions.Content(reply));

    public static IReadOnlyList<Finding> Parse(string content)
    {
        string? safety = null;
        var categories = new List<string>();
        foreach (var raw in content.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw.StartsWith(SafetyLabel, StringComparison.Ordinal)) safety = raw[SafetyLabel.Length..].Trim();
            else if (raw.StartsWith(CategoriesLabel, StringComparison.Ordinal))
                categories.AddRange(raw[CategoriesLabel.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }
        var score = safety switch
        {
            "Safe" => 0.0,
            "Unsafe" => 1.0,
            "Controversial" => ControversialScore,
            _ => throw new ExternalGuardReplyException("qwen3guard reply has no 'Safety: Safe|Unsafe|Controversial' line"),
        };
        if (score == 0) return [];
        var findings = new List<Finding>();
        foreach (var name in categories.Where(c => !c.Equals("None", StringComparison.OrdinalIgnoreCase)))
        {
            if (!Names.TryGetValue(name, out var category)) throw new ExternalGuardReplyException("qwen3guard reply names an unknown category");
            findings.Add(new Finding(category, score, "qwen3guard." + safety.ToLowerInvariant()));
        }
        if (findings.Count == 0) findings.Add(new Finding(Categories.Harmful, score, "qwen3guard." + safety.ToLowerInvariant()));
        return findings;
    }
}
