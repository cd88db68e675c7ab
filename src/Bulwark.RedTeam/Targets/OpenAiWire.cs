using System.Text.Json.Nodes;
using Bulwark.RedTeam.Operators;

namespace Bulwark.RedTeam.Targets;

/// <summary>
/// Chat Completions request bodies: user, assistant, an assistant <c>tool_calls</c> entry followed by a <c>tool</c>
/// message with the same <c>tool_call_id</c>, and documents pasted into the next user message (Chat Completions has no
/// text document part).
/// </summary>
public static class OpenAiWire
{
    public static JsonObject Build(string model, IReadOnlyList<ChatTurn> turns, int maxTokens)
    {
        var messages = new JsonArray();
        var documents = new List<string>();
        var call = 0;
        var hasTools = false;
        foreach (var turn in turns)
        {
            switch (turn.Kind)
            {
                case TurnKind.User:
                    var text = string.Concat(documents.Select(d => "<document>\n" + d + "\n</document>\n\n")) + turn.Text;
                    documents.Clear();
                    messages.Add(new JsonObject { ["role"] = "user", ["content"] = text });
                    break;
                case TurnKind.Assistant:
                    messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = turn.Text });
                    break;
                case TurnKind.ToolCall:
                    call++;
                    hasTools = true;
                    messages.Add(new JsonObject
                    {
                        ["role"] = "assistant", ["content"] = null,
                        ["tool_calls"] = new JsonArray(new JsonObject
                        {
                            ["id"] = $"call_{call}", ["type"] = "function",
                            ["function"] = new JsonObject { ["name"] = FetchUrlTool.Name, ["arguments"] = new JsonObject { ["url"] = turn.Text }.ToJsonString() },
                        }),
                    });
                    break;
                case TurnKind.ToolResult:
                    messages.Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = $"call_{call}", ["content"] = turn.Text });
                    break;
                case TurnKind.Document:
                    documents.Add(turn.Text);
                    break;
            }
        }
        var body = new JsonObject { ["model"] = model, ["messages"] = messages, ["max_tokens"] = maxTokens, ["stream"] = true };
        if (hasTools)
        {
            body["tools"] = new JsonArray(new JsonObject
            {
                ["type"] = "function",
                ["function"] = new JsonObject
                {
                    ["name"] = FetchUrlTool.Name, ["description"] = FetchUrlTool.Description, ["parameters"] = FetchUrlTool.InputSchema(),
                },
            });
        }
        return body;
    }
}
