using System.Text.Json.Nodes;
using Bulwark.Core.Conversations;

namespace Bulwark.Gateway.Protocols;

/// <summary>Renders a neutral conversation as another protocol's messages, for cross-protocol upstream calls.</summary>
public static class WireMessages
{
    public static JsonArray ToOpenAi(Conversation conversation)
    {
        var array = new JsonArray();
        foreach (var m in conversation.Messages)
        {
            var role = m.Role switch
            {
                MessageRole.System => "system",
                MessageRole.Assistant => "assistant",
                _ => "user", // tool results without their call ids are passed as user-visible text
            };
            array.Add(new JsonObject { ["role"] = role, ["content"] = TextOf(m) });
        }
        return array;
    }

    public static (string? System, JsonArray Messages) ToAnthropic(Conversation conversation)
    {
        var system = string.Join("\n\n", conversation.Messages.Where(m => m.Role == MessageRole.System).Select(TextOf));
        var array = new JsonArray();
        string? lastRole = null;
        foreach (var m in conversation.Messages.Where(m => m.Role != MessageRole.System))
        {
            var role = m.Role == MessageRole.Assistant ? "assistant" : "user";
            var text = TextOf(m);
            if (role == lastRole && array[^1] is JsonObject previous)
            {
                // The Messages API wants alternating roles: merge consecutive turns of one role.
                previous["content"] = (string?)previous["content"] + "\n\n" + text;
                continue;
            }
            array.Add(new JsonObject { ["role"] = role, ["content"] = text });
            lastRole = role;
        }
        return (system.Length == 0 ? null : system, array);
    }

    private static string TextOf(ConversationMessage m) =>
        string.Join("\n", m.Parts.Where(p => p.Kind is ContentPartKind.Text or ContentPartKind.ToolResult or ContentPartKind.Document && p.Text.Length > 0).Select(p => p.Text));
}
