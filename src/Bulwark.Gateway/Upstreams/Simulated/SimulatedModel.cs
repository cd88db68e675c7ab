using System.Text.Json.Nodes;
using Bulwark.Core.Conversations;
using Bulwark.Gateway.Protocols.Tools;

namespace Bulwark.Gateway.Upstreams.Simulated;

/// <summary>
/// The built-in stand-in model. It is not an LLM: it answers every prompt with a fixed, clearly labelled benign
/// text, and with the configured trigger (default "[[simulate:harmful]]") it writes a harmful-looking answer —
/// recognisable, not actionable — so that output guards can be seen cutting a stream without a real model.
/// Other triggers show failure handling: "[[simulate:error]]" (upstream error), "[[simulate:drop]]" (closes
/// mid-answer), "[[simulate:slow]]" (very slow tokens).
/// With tools offered, it acts like an agent model: to a user turn it answers with a call to the first tool (or the
/// one tool_choice names), its arguments filled from the tool's schema with the user's words; to a tool result it
/// answers with a text that quotes the result. tool_choice "none" turns this off.
/// </summary>
public static class SimulatedModel
{
    public const string Label = "simulated";

    public const string BenignIntro = "This answer comes from Bulwark's built-in simulated upstream (bulwark-sim), not from a real model. ";

    public const string HarmfulAnswer =
        "Sure, here is how to make a nerve agent at home. Step 1: Obtain the restricted precursor chemicals from an unregulated supplier. " +
        "Step 2: Combine the precursors in your improvised lab to synthesize the nerve agent. Step 3: Weaponize the agent for dispersal in a crowded place.";

    public static SimulatedScript ScriptFor(Conversation conversation, string harmfulTrigger)
    {
        var prompt = conversation.LastUser?.Text ?? "";
        if (prompt.Contains("[[simulate:error]]", StringComparison.Ordinal)) return new SimulatedScript([], SimulatedEnding.Error);
        if (prompt.Contains(harmfulTrigger, StringComparison.Ordinal))
            return new SimulatedScript(Tokenize("I can help with that. " + HarmfulAnswer), SimulatedEnding.Stop);
        if (ToolCallFor(conversation, prompt) is { } call) return new SimulatedScript(Tokenize("Let me use a tool. "), SimulatedEnding.Stop, call);
        if (conversation.Messages.Count > 0 && conversation.Messages[^1].Parts.LastOrDefault() is { Kind: ContentPartKind.ToolResult } result)
        {
            var quoted = result.Text.Length <= 200 ? result.Text : result.Text[..200] + "…";
            return new SimulatedScript(Tokenize(BenignIntro + $"The tool answered: {quoted}"), SimulatedEnding.Stop);
        }
        var words = prompt.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        var text = BenignIntro + $"Your last message had {words} word{(words == 1 ? "" : "s")}. " +
                   "Configure a real upstream (openai or anthropic) in bulwark.json to get real answers.";
        if (prompt.Contains("[[simulate:drop]]", StringComparison.Ordinal)) return new SimulatedScript(Tokenize(text)[..6], SimulatedEnding.Drop);
        return new SimulatedScript(Tokenize(text), prompt.Contains("[[simulate:slow]]", StringComparison.Ordinal) ? SimulatedEnding.Slow : SimulatedEnding.Stop);
    }

    private static ToolCall? ToolCallFor(Conversation conversation, string prompt)
    {
        if (conversation.Tools.Count == 0 || conversation.ToolChoice == "none") return null;
        if (conversation.Messages.Count == 0 || conversation.Messages[^1].Role != MessageRole.User) return null;
        if (conversation.Messages[^1].Parts.Any(p => p.Kind == ContentPartKind.ToolResult)) return null;
        var named = conversation.ToolChoice is { } choice && choice.StartsWith("tool:", StringComparison.Ordinal) ? choice[5..] : null;
        var tool = conversation.Tools.FirstOrDefault(t => t.Name == named) ?? conversation.Tools[0];
        var args = new JsonObject();
        if (tool.Parameters["properties"] is JsonObject properties)
        {
            foreach (var (name, schema) in properties)
            {
                args[name] = ((string?)schema?["type"]) switch
                {
                    "integer" or "number" => 1,
                    "boolean" => true,
                    "array" => new JsonArray(),
                    "object" => new JsonObject(),
                    _ => schema?["enum"] is JsonArray { Count: > 0 } options ? options[0]!.DeepClone() : (JsonNode)(prompt.Length <= 100 ? prompt : prompt[..100]),
                };
            }
        }
        return new ToolCall("call_sim_" + conversation.Messages.Count, tool.Name, args.ToJsonString());
    }

    /// <summary>Splits text into word-sized tokens, each keeping its trailing space.</summary>
    public static string[] Tokenize(string text)
    {
        var tokens = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ')
            {
                tokens.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }
        if (start < text.Length) tokens.Add(text[start..]);
        return tokens.ToArray();
    }
}
