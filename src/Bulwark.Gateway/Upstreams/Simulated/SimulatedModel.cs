using Bulwark.Core.Conversations;

namespace Bulwark.Gateway.Upstreams.Simulated;

/// <summary>
/// The built-in stand-in model. It is not an LLM: it answers every prompt with a fixed, clearly labelled benign
/// text, and with the configured trigger (default "[[simulate:harmful]]") it writes a harmful-looking answer —
/// recognisable, not actionable — so that output guards can be seen cutting a stream without a real model.
/// Other triggers show failure handling: "[[simulate:error]]" (upstream error), "[[simulate:drop]]" (closes
/// mid-answer), "[[simulate:slow]]" (very slow tokens).
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
        var words = prompt.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        var text = BenignIntro + $"Your last message had {words} word{(words == 1 ? "" : "s")}. " +
                   "Configure a real upstream (openai or anthropic) in bulwark.json to get real answers.";
        if (prompt.Contains("[[simulate:drop]]", StringComparison.Ordinal)) return new SimulatedScript(Tokenize(text)[..6], SimulatedEnding.Drop);
        return new SimulatedScript(Tokenize(text), prompt.Contains("[[simulate:slow]]", StringComparison.Ordinal) ? SimulatedEnding.Slow : SimulatedEnding.Stop);
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
