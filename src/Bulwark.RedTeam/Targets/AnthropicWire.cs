using System.Text.Json.Nodes;
using Bulwark.RedTeam.Operators;

namespace Bulwark.RedTeam.Targets;

/// <summary>
/// Messages API request bodies: an assistant <c>tool_use</c> block answered by a <c>tool_result</c> block at the start of
/// the next user message, and documents as <c>document</c> blocks with a plain-text source.
/// </summary>
public static class AnthropicWire
{
    public const string Version = "2023-06-01";

    public static JsonObject Build(string model, IReadOnlyList<ChatTurn> turns, int maxTokens)
    {
        var messages = new JsonArray();
        var pending = new List<JsonObject>();
        var call = 0;
        var hasTools = false;
        foreach (var turn in turns)
        {
            switch (turn.Kind)
            {
                case TurnKind.User:
                    var content = new JsonArray();
                    foreach (var p in pending) content.Add(p);
                    pending.Clear();
                    content.Add(new JsonObject { ["type"] = "text", ["text"] = turn.Text });
                    messages.Add(new JsonObject { ["role"] = "user", ["content"] = content });
                    break;
                case TurnKind.Assistant:
                    messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = turn.Text });
                    break;
                case TurnKind.ToolCall:
                    call++;
                    hasTools = true;
                    messages.Add(new JsonObject
                    {
                        ["role"] = "assistant",
                        ["content"] = new JsonArray(new JsonObject
                        {
                            ["type"] = "tool_use", ["id"] = $"toolu_{call:D2}", ["name"] = FetchUrlTool.Name,
                            ["input"] = new JsonObject { ["url"] = turn.Text },
                        }),
                    });
                    break;
                case TurnKind.ToolResult:
                    pending.Add(new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = $"toolu_{call:D2}", ["content"] = turn.Text });
                    break;
                case TurnKind.Document:
                    pending.Add(new JsonObject
                    {
                        ["type"] = "document",
                        ["source"] = new JsonObject { ["type"] = "text", ["media_type"] = "text/plain", ["data"] = turn.Text },
                    });
                    break;
            }
        }
        var body = new JsonObject { ["model"] = model, ["max_tokens"] = maxTokens, ["messages"] = messages, ["stream"] = true };
        if (hasTools)
        {
            body["tools"] = new JsonArray(new JsonObject
            {
                ["name"] = FetchUrlTool.Name, ["description"] = FetchUrlTool.Description, ["input_schema"] = FetchUrlTool.InputSchema(),
            });
        }
        return body;
    }
}
