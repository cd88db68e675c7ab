using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bulwark.Core.Conversations;

namespace Bulwark.Gateway.Protocols.OpenAi;

/// <summary>Reads a POST /v1/chat/completions body into the neutral conversation, validating what the API requires.</summary>
public static class OpenAiRequestParser
{
    public static ParseOutcome Parse(JsonObject body)
    {
        if (!body.TryGetPropertyValue("model", out var modelNode) || !JsonFields.TryString(modelNode, out var model) || model.Length == 0)
            return new RequestError("missing_model", "'model' is required and must be a non-empty string", "model");
        if (!JsonFields.TryOptionalBool(body, "stream", out var stream))
            return new RequestError("invalid_type", "'stream' must be a boolean", "stream");
        if (!JsonFields.TryOptionalInt(body, "max_completion_tokens", out var maxCompletion) || maxCompletion < 1)
            return new RequestError("invalid_type", "'max_completion_tokens' must be a positive integer", "max_completion_tokens");
        if (!JsonFields.TryOptionalInt(body, "max_tokens", out var maxTokens) || maxTokens < 1)
            return new RequestError("invalid_type", "'max_tokens' must be a positive integer", "max_tokens");
        if (!body.TryGetPropertyValue("messages", out var messagesNode) || messagesNode is not JsonArray messages)
            return new RequestError("missing_messages", "'messages' is required and must be an array", "messages");
        if (messages.Count == 0)
            return new RequestError("empty_messages", "'messages' must contain at least one message", "messages");

        var list = new List<ConversationMessage>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not JsonObject m)
                return new RequestError("invalid_message", $"messages[{i}] must be an object", $"messages[{i}]");
            if (!m.TryGetPropertyValue("role", out var roleNode) || !JsonFields.TryString(roleNode, out var roleText))
                return new RequestError("invalid_role", $"messages[{i}].role is required and must be a string", $"messages[{i}].role");
            MessageRole? role = roleText switch
            {
                "system" or "developer" => MessageRole.System,
                "user" => MessageRole.User,
                "assistant" => MessageRole.Assistant,
                "tool" or "function" => MessageRole.Tool,
                _ => null,
            };
            if (role is null)
                return new RequestError("invalid_role", $"messages[{i}].role must be one of system, developer, user, assistant, tool", $"messages[{i}].role");

            var parts = new List<ContentPart>();
            m.TryGetPropertyValue("content", out var content);
            switch (content)
            {
                case null:
                    if (role != MessageRole.Assistant)
                        return new RequestError("invalid_content", $"messages[{i}].content is required", $"messages[{i}].content");
                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    parts.Add(new ContentPart(role == MessageRole.Tool ? ContentPartKind.ToolResult : ContentPartKind.Text, v.GetValue<string>()));
                    break;
                case JsonArray array:
                    for (var j = 0; j < array.Count; j++)
                    {
                        if (array[j] is not JsonObject part || !part.TryGetPropertyValue("type", out var typeNode) || !JsonFields.TryString(typeNode, out var type))
                            return new RequestError("invalid_content", $"messages[{i}].content[{j}] must be an object with a 'type'", $"messages[{i}].content[{j}]");
                        switch (type)
                        {
                            case "text":
                                if (!part.TryGetPropertyValue("text", out var textNode) || !JsonFields.TryString(textNode, out var text))
                                    return new RequestError("invalid_content", $"messages[{i}].content[{j}].text must be a string", $"messages[{i}].content[{j}].text");
                                parts.Add(new ContentPart(role == MessageRole.Tool ? ContentPartKind.ToolResult : ContentPartKind.Text, text));
                                break;
                            case "image_url" or "input_audio":
                                parts.Add(new ContentPart(ContentPartKind.Image, ""));
                                break;
                            case "file":
                                parts.Add(new ContentPart(ContentPartKind.Document, ""));
                                break;
                            default:
                                return new RequestError("invalid_content", $"messages[{i}].content[{j}].type '{Truncate(type)}' is not supported", $"messages[{i}].content[{j}].type");
                        }
                    }
                    break;
                default:
                    return new RequestError("invalid_content", $"messages[{i}].content must be a string or an array of parts", $"messages[{i}].content");
            }

            // Tool calls an assistant made are part of the conversation: their arguments are scanned too.
            if (m.TryGetPropertyValue("tool_calls", out var calls) && calls is JsonArray callArray)
            {
                foreach (var call in callArray)
                {
                    if (call?["function"]?["arguments"] is JsonValue args && args.GetValueKind() == JsonValueKind.String)
                        parts.Add(new ContentPart(ContentPartKind.ToolCall, args.GetValue<string>()));
                }
            }
            list.Add(new ConversationMessage(role.Value, parts));
        }

        var conversation = new Conversation(model, list) { Stream = stream, MaxTokens = maxCompletion ?? maxTokens };
        return new ParsedRequest(conversation, body);
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
