using System.Text.Json.Nodes;
using Bulwark.Core.Guards;

namespace Bulwark.Gateway.ExternalGuards;

/// <summary>
/// Llama Guard 3/4 served behind an OpenAI-compatible chat endpoint: the reply's content is <c>safe</c>, or <c>unsafe</c>
/// and on the next line the violated hazard codes (<c>S1,S10</c>). Codes map to Bulwark's categories; an unknown code
/// counts as <c>harmful</c>. Anything else is a format error.
/// </summary>
public sealed class LlamaGuardFormat : IGuardModelFormat
{
    private static readonly Dictionary<string, string> Hazards = new(StringComparer.Ordinal)
    {
        ["S1"] = Categories.ViolentCrime, ["S2"] = Categories.NonViolentCrime, ["S3"] = Categories.Sexual,
        ["S4"] = Categories.SexualMinors, ["S5"] = Categories.Harassment, ["S6"] = Categories.Harmful,
        ["S7"] = Categories.Privacy, ["S8"] = Categories.Harmful, ["S9"] = Categories.WeaponsCbrn,
        ["S10"] = Categories.Hate, ["S11"] = Categories.SelfHarm, ["S12"] = Categories.Sexual,
        ["S13"] = Categories.Misinformation, ["S14"] = Categories.CyberOffense,
    };

    public string Kind => ExternalGuardOptions.LlamaGuard;

    public string Path => ChatCompletions.Path;

    public JsonObject BuildRequest(string? model, GuardedText text) => ChatCompletions.Request(model, text);

    public IReadOnlyList<Finding> ParseReply(JsonNode? reply) => Parse(ChatCompletions.Content(reply));

    public static IReadOnlyList<Finding> Parse(string content)
    {
        var lines = content.Trim().Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 1 && lines[0] == "safe") return [];
        if (lines.Length is < 1 or > 2 || lines[0] != "unsafe") throw new ExternalGuardReplyException("llama-guard reply is neither 'safe' nor 'unsafe'");
        if (lines.Length == 1) return [new Finding(Categories.Harmful, 1.0, "llama-guard")];
        var findings = new List<Finding>();
        foreach (var code in lines[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (code.Length is < 2 or > 3 || code[0] != 'S' || !code[1..].All(char.IsAsciiDigit))
                throw new ExternalGuardReplyException("llama-guard reply has a malformed hazard code");
            findings.Add(new Finding(Hazards.GetValueOrDefault(code, Categories.Harmful), 1.0, "llama-guard." + code));
        }
        if (findings.Count == 0) throw new ExternalGuardReplyException("llama-guard reply says unsafe without hazard codes");
        return findings;
    }
}
