using System.Text.Json;
using System.Text.Json.Nodes;
using Bulwark.Core.Conversations;
using Bulwark.Gateway.Protocols.Tools;

namespace Bulwark.Gateway.Protocols.OpenAi;

/// <summary>
/// Reads a POST /v1/chat/completions body into the neutral conversation (messages, tool calls and results with
/// their ids, tool definitions), validating what the API requires. A malformed tool call or tool definition is
/// refused naming the field. What the guards scan is collected separately, by the field walk.
/// </summary>
public static class OpenAiRequestParser
{
    private const string Function = "function";

    public static ParseOutcome Parse(JsonObject body)
    {
        if (JsonFields.ModelAndStream(body, out var model, out var stream) is { } invalid) return invalid;
        if (!JsonFields.TryOptionalInt(body, "max_completion_tokens", out var maxCompletion) || maxCompletion < 1)
            return new RequestError("invalid_type", "'max_completion_tokens' must be a positive integer", "max_completion_tokens");
        if (!JsonFields.TryOptionalInt(body, "max_tokens", out var maxTokens) || maxTokens < 1)
            return new RequestError("invalid_type", "'max_tokens' must be a positive integer", "max_tokens");
        if (!JsonFields.TryOptionalInt(body, "n", out var n) || n < 1)
            return new RequestError("invalid_type", "'n' must be a positive integer", "n");
        if (!body.TryGetPropertyValue("messages", out var messagesNode) || messagesNode is not JsonArray messages)
            return new RequestError("missing_messages", "'messages' is required and must be an array", "messages");
        if (messages.Count == 0)
            return new RequestError("empty_messages", "'messages' must contain at least one message", "messages");

        var list = new List<ConversationMessage>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var error = ReadMessage(messages[i], i, list);
            if (error is not null) return error;
        }

        var tools = new List<ToolDefinition>();
        var toolError = ReadTools(body, tools);
        if (toolError is not null) return toolError;
        var choice = ReadToolChoice(body["tool_choice"] ?? body["function_call"]);

        var conversation = new Conversation(model, list)
        {
            Stream = stream, MaxTokens = maxCompletion ?? maxTokens, Tools = tools, ToolChoice = choice, Choices = n ?? 1,
        };
        return new ParsedRequest(conversation, body);
    }

    private static RequestError? ReadMessage(JsonNode? node, int i, List<ConversationMessage> list)
    {
        if (node is not JsonObject m)
            return new RequestError("invalid_message", $"messages[{i}] must be an object", $"messages[{i}]");
        if (!m.TryGetPropertyValue("role", out var roleNode) || !JsonFields.TryString(roleNode, out var roleText))
            return new RequestError("invalid_role", $"messages[{i}].role is required and must be a string", $"messages[{i}].role");
        MessageRole? role = roleText switch
        {
            "system" or "developer" => MessageRole.System,
            "user" => MessageRole.User,
            "assistant" => MessageRole.Assistant,
            "tool" or Function => MessageRole.Tool,
            _ => null,
        };
        if (role is null)
            return new RequestError("invalid_role", $"messages[{i}].role must be one of system, developer, user, assistant, tool", $"messages[{i}].role");

        string? resultId = null;
        if (role == MessageRole.Tool)
        {
            var idField = roleText == Function ? "name" : "tool_call_id";
            if (!m.TryGetPropertyValue(idField, out var idNode) || !JsonFields.TryString(idNode, out var id) || id.Length == 0)
                return new RequestError("invalid_tool_message", $"messages[{i}].{idField} is required for a {roleText} message", $"messages[{i}].{idField}");
            resultId = id;
        }

        var parts = new List<ContentPart>();
        m.TryGetPropertyValue("content", out var content);
        var hasCalls = m["tool_calls"] is JsonArray { Count: > 0 } || m["function_call"] is JsonObject;
        switch (content)
        {
            case null:
                if (role != MessageRole.Assistant)
                    return new RequestError("invalid_content", $"messages[{i}].content is required", $"messages[{i}].content");
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                parts.Add(Part(v.GetValue<string>(), resultId));
                break;
            case JsonArray array:
                for (var j = 0; j < array.Count; j++)
                {
                    var at = $"messages[{i}].content[{j}]";
                    if (array[j] is not JsonObject part || !part.TryGetPropertyValue("type", out var typeNode) || !JsonFields.TryString(typeNode, out var type))
                        return new RequestError("invalid_content", $"{at} must be an object with a 'type'", at);
                    switch (type)
                    {
                        case "text" or "refusal":
                            if (!part.TryGetPropertyValue(type, out var textNode) || !JsonFields.TryString(textNode, out var text))
                                return new RequestError("invalid_content", $"{at}.{type} must be a string", $"{at}.{type}");
                            parts.Add(Part(text, resultId));
                            break;
                        case "image_url" or "input_audio":
                            parts.Add(new ContentPart(ContentPartKind.Image, ""));
                            break;
                        case "file":
                            parts.Add(new ContentPart(ContentPartKind.Document, ""));
                            break;
                        default:
                            // A part type the field walk let through (UnknownFields: pass) was scanned there; it has no neutral form.
                            break;
                    }
                }
                break;
            default:
                return new RequestError("invalid_content", $"messages[{i}].content must be a string or an array of parts", $"messages[{i}].content");
        }
        if (hasCalls && role != MessageRole.Assistant)
            return new RequestError("invalid_tool_call", $"messages[{i}]: only assistant messages carry tool_calls", $"messages[{i}].tool_calls");

        if (m.TryGetPropertyValue("tool_calls", out var calls) && calls is not null)
        {
            if (calls is not JsonArray callArray)
                return new RequestError("invalid_tool_call", $"messages[{i}].tool_calls must be an array", $"messages[{i}].tool_calls");
            for (var j = 0; j < callArray.Count; j++)
            {
                var at = $"messages[{i}].tool_calls[{j}]";
                if (callArray[j] is not JsonObject call) return new RequestError("invalid_tool_call", $"{at} must be an object", at);
                if (!JsonFields.TryString(call["id"], out var id) || id.Length == 0)
                    return new RequestError("invalid_tool_call", $"{at}.id is required and must be a non-empty string", $"{at}.id");
                var type = call["type"] is null ? Function : JsonFields.TryString(call["type"], out var t) ? t : "";
                if (type != Function)
                    return new RequestError("invalid_tool_call", $"{at}.type must be 'function'", $"{at}.type");
                var (name, args, error) = ReadFunctionCall(call["function"], $"{at}.function");
                if (error is not null) return error;
                parts.Add(ContentPart.Call(id, name, args));
            }
        }
        if (m["function_call"] is JsonObject legacy)
        {
            var (name, args, error) = ReadFunctionCall(legacy, $"messages[{i}].function_call");
            if (error is not null) return error;
            parts.Add(ContentPart.Call("call_" + name, name, args));
        }
        list.Add(new ConversationMessage(role.Value, parts));
        return null;
    }

    private static ContentPart Part(string text, string? resultId) =>
        resultId is null ? ContentPart.FromText(text) : ContentPart.Result(resultId, text);

    private static (string Name, string Arguments, RequestError? Error) ReadFunctionCall(JsonNode? node, string at)
    {
        if (node is not JsonObject function) return ("", "", new RequestError("invalid_tool_call", $"{at} must be an object", at));
        if (!JsonFields.TryString(function["name"], out var name) || !ToolNames.IsValid(name))
            return ("", "", new RequestError("invalid_tool_call", $"{at}.name must be 1-64 letters, digits, '_', '-' or '.'", $"{at}.name"));
        switch (function["arguments"])
        {
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var text = v.GetValue<string>();
                if (text.Length > 0 && !IsJsonObject(text))
                    return ("", "", new RequestError("invalid_tool_call", $"{at}.arguments must be a JSON object (as a string)", $"{at}.arguments"));
                return (name, text.Length == 0 ? "{}" : text, null);
            case JsonObject o:
                return (name, o.ToJsonString(), null);
            case null:
                return (name, "{}", null);
            default:
                return ("", "", new RequestError("invalid_tool_call", $"{at}.arguments must be a JSON object (as a string)", $"{at}.arguments"));
        }
    }

    internal static bool IsJsonObject(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            return doc.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static RequestError? ReadTools(JsonObject body, List<ToolDefinition> tools)
    {
        if (body.TryGetPropertyValue("tools", out var toolsNode) && toolsNode is not null)
        {
            if (toolsNode is not JsonArray array) return new RequestError("invalid_tools", "'tools' must be an array", "tools");
            for (var k = 0; k < array.Count; k++)
            {
                var at = $"tools[{k}]";
                if (array[k] is not JsonObject tool) return new RequestError("invalid_tools", $"{at} must be an object", at);
                if (!JsonFields.TryString(tool["type"], out var type) || type != Function)
                    return new RequestError("invalid_tools", $"{at}.type must be 'function'", $"{at}.type");
                var error = ReadFunctionDefinition(tool["function"], $"{at}.function", tools);
                if (error is not null) return error;
            }
        }
        if (body.TryGetPropertyValue("functions", out var functionsNode) && functionsNode is not null)
        {
            if (functionsNode is not JsonArray array) return new RequestError("invalid_tools", "'functions' must be an array", "functions");
            for (var k = 0; k < array.Count; k++)
            {
                var error = ReadFunctionDefinition(array[k], $"functions[{k}]", tools);
                if (error is not null) return error;
            }
        }
        return null;
    }

    private static RequestError? ReadFunctionDefinition(JsonNode? node, string at, List<ToolDefinition> tools)
    {
        if (node is not JsonObject function) return new RequestError("invalid_tools", $"{at} must be an object", at);
        if (!JsonFields.TryString(function["name"], out var name) || !ToolNames.IsValid(name))
            return new RequestError("invalid_tools", $"{at}.name must be 1-64 letters, digits, '_', '-' or '.'", $"{at}.name");
        var description = "";
        if (function["description"] is { } d && !JsonFields.TryString(d, out description))
            return new RequestError("invalid_tools", $"{at}.description must be a string", $"{at}.description");
        JsonObject parameters;
        switch (function["parameters"])
        {
            case null:
                parameters = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
                break;
            case JsonObject p:
                parameters = (JsonObject)p.DeepClone();
                break;
            default:
                return new RequestError("invalid_tools", $"{at}.parameters must be a JSON Schema object", $"{at}.parameters");
        }
        tools.Add(new ToolDefinition(name, description, parameters));
        return null;
    }

    private static string? ReadToolChoice(JsonNode? node) => node switch
    {
        JsonValue v when JsonFields.TryString(v, out var s) => s switch { "none" => "none", "required" => "required", _ => "auto" },
        JsonObject o when JsonFields.TryString(o["function"]?["name"] ?? o["name"], out var name) => "tool:" + name,
        _ => null,
    };

}
