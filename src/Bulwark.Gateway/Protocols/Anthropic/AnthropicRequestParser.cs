using System.Text.Json;
using System.Text.Json.Nodes;
using Bulwark.Core.Conversations;
using Bulwark.Gateway.Protocols.Tools;

namespace Bulwark.Gateway.Protocols.Anthropic;

/// <summary>Reads a POST /v1/messages body (Anthropic Messages API) into the neutral conversation.</summary>
public static class AnthropicRequestParser
{
    public static ParseOutcome Parse(JsonObject body)
    {
        if (!body.TryGetPropertyValue("model", out var modelNode) || !JsonFields.TryString(modelNode, out var model) || model.Length == 0)
            return new RequestError("missing_model", "model: field required (a non-empty string)", "model");
        if (!JsonFields.TryOptionalBool(body, "stream", out var stream))
            return new RequestError("invalid_type", "stream: must be a boolean", "stream");
        if (!body.ContainsKey("max_tokens"))
            return new RequestError("missing_max_tokens", "max_tokens: field required", "max_tokens");
        if (!JsonFields.TryOptionalInt(body, "max_tokens", out var maxTokens) || maxTokens is null or < 1)
            return new RequestError("invalid_type", "max_tokens: must be a positive integer", "max_tokens");
        if (!body.TryGetPropertyValue("messages", out var messagesNode) || messagesNode is not JsonArray messages)
            return new RequestError("missing_messages", "messages: field required (an array)", "messages");
        if (messages.Count == 0)
            return new RequestError("empty_messages", "messages: at least one message is required", "messages");

        var list = new List<ConversationMessage>(messages.Count + 1);
        if (body.TryGetPropertyValue("system", out var system) && system is not null)
        {
            var parts = new List<ContentPart>();
            var error = ReadBlocks(system, MessageRole.System, "system", parts);
            if (error is not null) return error;
            list.Add(new ConversationMessage(MessageRole.System, parts));
        }

        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not JsonObject m)
                return new RequestError("invalid_message", $"messages.{i}: must be an object", $"messages.{i}");
            if (!m.TryGetPropertyValue("role", out var roleNode) || !JsonFields.TryString(roleNode, out var roleText))
                return new RequestError("invalid_role", $"messages.{i}.role: field required", $"messages.{i}.role");
            MessageRole? role = roleText switch
            {
                "user" => MessageRole.User,
                "assistant" => MessageRole.Assistant,
                _ => null,
            };
            if (role is null)
                return new RequestError("invalid_role", $"messages.{i}.role: must be 'user' or 'assistant'", $"messages.{i}.role");
            if (!m.TryGetPropertyValue("content", out var content) || content is null)
                return new RequestError("invalid_content", $"messages.{i}.content: field required", $"messages.{i}.content");
            var parts = new List<ContentPart>();
            var err = ReadBlocks(content, role.Value, $"messages.{i}.content", parts);
            if (err is not null) return err;
            list.Add(new ConversationMessage(role.Value, parts));
        }

        var tools = new List<ToolDefinition>();
        if (body.TryGetPropertyValue("tools", out var toolsNode) && toolsNode is not null)
        {
            if (toolsNode is not JsonArray toolArray) return new RequestError("invalid_tools", "tools: must be an array", "tools");
            for (var k = 0; k < toolArray.Count; k++)
            {
                var at = $"tools.{k}";
                if (toolArray[k] is not JsonObject tool) return new RequestError("invalid_tools", $"{at}: must be an object", at);
                if (!JsonFields.TryString(tool["name"], out var name) || !ToolNames.IsValid(name))
                    return new RequestError("invalid_tools", $"{at}.name: must be 1-64 letters, digits, '_' or '-'", at + ".name");
                var description = "";
                if (tool["description"] is { } d && !JsonFields.TryString(d, out description))
                    return new RequestError("invalid_tools", $"{at}.description: must be a string", at + ".description");
                if (tool["input_schema"] is not JsonObject schema)
                    return new RequestError("invalid_tools", $"{at}.input_schema: field required (a JSON Schema object)", at + ".input_schema");
                tools.Add(new ToolDefinition(name, description, (JsonObject)schema.DeepClone()));
            }
        }
        string? choice = body["tool_choice"] is JsonObject tc && JsonFields.TryString(tc["type"], out var tcType)
            ? tcType switch { "any" => "required", "none" => "none", "tool" when JsonFields.TryString(tc["name"], out var n) => "tool:" + n, _ => "auto" }
            : null;

        return new ParsedRequest(new Conversation(model, list) { Stream = stream, MaxTokens = maxTokens, Tools = tools, ToolChoice = choice }, body);
    }

    private static RequestError? ReadBlocks(JsonNode node, MessageRole role, string path, List<ContentPart> parts)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            parts.Add(ContentPart.FromText(v.GetValue<string>()));
            return null;
        }
        if (node is not JsonArray blocks)
            return new RequestError("invalid_content", $"{path}: must be a string or an array of content blocks", path);
        for (var j = 0; j < blocks.Count; j++)
        {
            var at = $"{path}.{j}";
            if (blocks[j] is not JsonObject block || !block.TryGetPropertyValue("type", out var typeNode) || !JsonFields.TryString(typeNode, out var type))
                return new RequestError("invalid_content", $"{at}: must be an object with a 'type'", at);
            switch (type)
            {
                case "text":
                    if (!block.TryGetPropertyValue("text", out var t) || !JsonFields.TryString(t, out var text))
                        return new RequestError("invalid_content", $"{at}.text: must be a string", at + ".text");
                    parts.Add(ContentPart.FromText(text));
                    break;
                case "image":
                    parts.Add(new ContentPart(ContentPartKind.Image, ""));
                    break;
                case "document":
                    var data = block["source"] is JsonObject source && JsonFields.TryString(source["type"], out var sourceType) && sourceType == "text"
                        && JsonFields.TryString(source["data"], out var sourceText) ? sourceText : "";
                    parts.Add(new ContentPart(ContentPartKind.Document, data));
                    break;
                case "tool_use":
                    if (role != MessageRole.Assistant)
                        return new RequestError("invalid_tool_use", $"{at}: tool_use blocks belong to assistant messages", at + ".type");
                    if (!JsonFields.TryString(block["id"], out var callId) || callId.Length == 0)
                        return new RequestError("invalid_tool_use", $"{at}.id: field required (a non-empty string)", at + ".id");
                    if (!JsonFields.TryString(block["name"], out var toolName) || !ToolNames.IsValid(toolName))
                        return new RequestError("invalid_tool_use", $"{at}.name: must be 1-64 letters, digits, '_' or '-'", at + ".name");
                    if (block["input"] is not JsonObject input)
                        return new RequestError("invalid_tool_use", $"{at}.input: field required (an object)", at + ".input");
                    parts.Add(ContentPart.Call(callId, toolName, input.ToJsonString()));
                    break;
                case "tool_result":
                    if (!JsonFields.TryString(block["tool_use_id"], out var resultId) || resultId.Length == 0)
                        return new RequestError("invalid_tool_result", $"{at}.tool_use_id: field required (a non-empty string)", at + ".tool_use_id");
                    var inner = new List<ContentPart>();
                    if (block.TryGetPropertyValue("content", out var rc) && rc is not null)
                    {
                        var err = ReadBlocks(rc, role, at + ".content", inner);
                        if (err is not null) return err;
                    }
                    var resultText = string.Join("\n", inner.Where(p => p.Text.Length > 0).Select(p => p.Text));
                    parts.Add(ContentPart.Result(resultId, resultText));
                    break;
                case "thinking" or "redacted_thinking" or "search_result":
                    break;
                default:
                    // A block type the field walk let through (UnknownFields: pass) was scanned there; it has no neutral form.
                    break;
            }
        }
        return null;
    }
}
