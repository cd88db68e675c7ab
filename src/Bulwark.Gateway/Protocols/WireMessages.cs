using System.Text.Json;
using System.Text.Json.Nodes;
using Bulwark.Core.Conversations;

namespace Bulwark.Gateway.Protocols;

/// <summary>
/// Renders a neutral conversation as another protocol's request parts, for cross-protocol upstream calls: messages
/// with their tool calls and tool results (ids kept), tool definitions and the tool choice. Every string it writes
/// comes from the parsed request, whose strings the input guards have scanned, or is a constant.
/// </summary>
public static class WireMessages
{
    private const string Function = "function";

    public static JsonArray ToOpenAi(Conversation conversation)
    {
        var array = new JsonArray();
        foreach (var m in conversation.Messages)
        {
            switch (m.Role)
            {
                case MessageRole.System:
                    array.Add(new JsonObject { ["role"] = "system", ["content"] = TextOf(m) });
                    break;
                case MessageRole.Assistant:
                    var assistant = new JsonObject { ["role"] = "assistant", ["content"] = TextOf(m) is { Length: > 0 } said ? said : null };
                    var calls = m.Parts.Where(p => p.Kind == ContentPartKind.ToolCall).ToList();
                    if (calls.Count > 0)
                    {
                        assistant["tool_calls"] = new JsonArray(calls.Select(c => (JsonNode)new JsonObject
                        {
                            ["id"] = c.ToolCallId, ["type"] = Function,
                            [Function] = new JsonObject { ["name"] = c.ToolName, ["arguments"] = c.Text },
                        }).ToArray());
                    }
                    array.Add(assistant);
                    break;
                default:
                    // Tool results become "tool" messages answering their call; other text stays with the user.
                    foreach (var r in m.Parts.Where(p => p.Kind == ContentPartKind.ToolResult && p.ToolCallId is not null))
                        array.Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = r.ToolCallId, ["content"] = r.Text });
                    var text = TextOf(m, includeResults: false);
                    if (text.Length > 0 || !m.Parts.Any(p => p.ToolCallId is not null)) array.Add(new JsonObject { ["role"] = "user", ["content"] = text });
                    break;
            }
        }
        return array;
    }

    public static (string? System, JsonArray Messages) ToAnthropic(Conversation conversation)
    {
        var system = string.Join("\n\n", conversation.Messages.Where(m => m.Role == MessageRole.System).Select(m => TextOf(m)));
        var array = new JsonArray();
        string? lastRole = null;
        foreach (var m in conversation.Messages.Where(m => m.Role != MessageRole.System))
        {
            var role = m.Role == MessageRole.Assistant ? "assistant" : "user";
            var blocks = new JsonArray();
            // The Messages API wants a user turn's tool_result blocks first.
            foreach (var r in m.Parts.Where(p => p.Kind == ContentPartKind.ToolResult && p.ToolCallId is not null))
                blocks.Add(new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = r.ToolCallId, ["content"] = r.Text });
            var text = TextOf(m, includeResults: false);
            if (text.Length > 0) blocks.Add(new JsonObject { ["type"] = "text", ["text"] = text });
            foreach (var c in m.Parts.Where(p => p.Kind == ContentPartKind.ToolCall))
                blocks.Add(new JsonObject { ["type"] = "tool_use", ["id"] = c.ToolCallId, ["name"] = c.ToolName, ["input"] = ArgumentsObject(c.Text) });
            if (blocks.Count == 0) continue;
            if (role == lastRole && array[^1] is JsonObject previous && previous["content"] is JsonArray previousBlocks)
            {
                // The Messages API wants alternating roles: merge consecutive turns of one role.
                foreach (var b in blocks.ToList())
                {
                    blocks.Remove(b);
                    previousBlocks.Add(b);
                }
                continue;
            }
            array.Add(new JsonObject { ["role"] = role, ["content"] = blocks });
            lastRole = role;
        }
        return (system.Length == 0 ? null : system, array);
    }

    public static JsonArray OpenAiTools(Conversation conversation) =>
        new(conversation.Tools.Select(t => (JsonNode)new JsonObject
        {
            ["type"] = Function,
            [Function] = new JsonObject { ["name"] = t.Name, ["description"] = t.Description, ["parameters"] = t.Parameters.DeepClone() },
        }).ToArray());

    public static JsonArray AnthropicTools(Conversation conversation) =>
        new(conversation.Tools.Select(t => (JsonNode)new JsonObject
        {
            ["name"] = t.Name, ["description"] = t.Description, ["input_schema"] = t.Parameters.DeepClone(),
        }).ToArray());

    public static JsonNode? OpenAiToolChoice(string? choice) => choice switch
    {
        null => null,
        "auto" or "none" or "required" => choice,
        _ when choice.StartsWith("tool:", StringComparison.Ordinal) => new JsonObject { ["type"] = Function, [Function] = new JsonObject { ["name"] = choice[5..] } },
        _ => null,
    };

    public static JsonNode? AnthropicToolChoice(string? choice) => choice switch
    {
        null => null,
        "auto" or "none" => new JsonObject { ["type"] = choice },
        "required" => new JsonObject { ["type"] = "any" },
        _ when choice.StartsWith("tool:", StringComparison.Ordinal) => new JsonObject { ["type"] = "tool", ["name"] = choice[5..] },
        _ => null,
    };

    /// <summary>Tool-call arguments as a JSON object (Anthropic's "input"); arguments that are not an object become {}.</summary>
    public static JsonObject ArgumentsObject(string arguments)
    {
        try
        {
            return JsonNode.Parse(arguments.Length == 0 ? "{}" : arguments) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string TextOf(ConversationMessage m, bool includeResults = true) =>
        string.Join("\n", m.Parts.Where(p => (p.Kind is ContentPartKind.Text or ContentPartKind.Document || (includeResults && p.Kind == ContentPartKind.ToolResult)) && p.Text.Length > 0).Select(p => p.Text));
}
