using System.Text.Json.Nodes;
using Bulwark.Core.Guards;

namespace Bulwark.Gateway.ExternalGuards;

/// <summary>
/// The <c>POST /v1/moderations</c> wire format: <c>{"model", "input"}</c> in, <c>results[0].category_scores</c> out. Each
/// score becomes a finding in the mapped Bulwark category (the policy's thresholds decide); an unknown category is
/// ignored, a reply without results or scores is a format error.
/// </summary>
public sealed class OpenAiModerationFormat : IGuardModelFormat
{
    private static readonly Dictionary<string, string> Map = new(StringComparer.Ordinal)
    {
        ["harassment"] = Categories.Harassment, ["harassment/threatening"] = Categories.Harassment,
        ["hate"] = Categories.Hate, ["hate/threatening"] = Categories.Hate,
        ["illicit"] = Categories.NonViolentCrime, ["illicit/violent"] = Categories.ViolentCrime,
        ["self-harm"] = Categories.SelfHarm, ["self-harm/intent"] = Categories.SelfHarm, ["self-harm/instructions"] = Categories.SelfHarm,
        ["sexual"] = Categories.Sexual, ["sexual/minors"] = Categories.SexualMinors,
        ["violence"] = Categories.ViolentCrime, ["violence/graphic"] = Categories.ViolentCrime,
    };

    public string Kind => ExternalGuardOptions.OpenAiModeration;

    public string Path => "moderations";

    public JsonObject BuildRequest(string? model, GuardedText text)
    {
        var body = new JsonObject { ["input"] = text.Response ?? text.Prompt };
        if (!string.IsNullOrEmpty(model)) body["model"] = model;
        return body;
    }

    public IReadOnlyList<Finding> ParseReply(JsonNode? reply)
    {
        JsonObject scores;
        try
        {
            scores = reply?["results"]?[0]?["category_scores"] as JsonObject ?? throw new ExternalGuardReplyException("moderation reply has no results[0].category_scores");
        }
        catch (InvalidOperationException)
        {
            throw new ExternalGuardReplyException("moderation reply is not the moderation format");
        }
        var best = new Dictionary<string, (double Score, string Name)>(StringComparer.Ordinal);
        foreach (var (name, value) in scores)
        {
            if (value is not JsonValue v || !v.TryGetValue<double>(out var score) || double.IsNaN(score) || score is < 0 or > 1)
                throw new ExternalGuardReplyException("moderation reply has a score that is not a number in 0..1");
            if (!Map.TryGetValue(name, out var category)) continue;
            if (!best.TryGetValue(category, out var b) || b.Score < score) best[category] = (score, name);
        }
        return best.Select(kv => new Finding(kv.Key, Math.Round(kv.Value.Score, 4), "openai-moderation." + kv.Value.Name)).ToArray();
    }
}
