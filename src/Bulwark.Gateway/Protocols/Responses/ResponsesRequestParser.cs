using System.Text.Json;
using System.Text.Json.Nodes;
using Bulwark.Core.Conversations;
using Bulwark.Gateway.Protocols.Tools;

namespace Bulwark.Gateway.Protocols.Responses;

/// <summary>
/// Reads a POST /v1/responses body into the neutral conversation: instructions as a system message, input messages,
/// function calls (consecutive calls join one assistant turn) and their outputs with their call ids, function tools
/// and the tool choice. What the guards scan is collected separately, by the field walk, which runs first.
/// </summary>
public static class ResponsesRequestParser
{
    private const string Function = "function";

    public static ParseOutcome Parse(JsonObject body)
    {
        if (JsonFields.ModelAndStream(body, out var model, out var stream) is { } invalid) return invalid;
        if (!JsonFields.TryOptionalInt(body, "max_output_tokens", out var maxTokens) || maxTokens < 1)
            return new RequestError("invalid_type", "'max_output_tokens' must be a positive integer", "max_output_tokens");
        // A background response is fetched later, straight from the provider, past the output guards: refused.
        if (!JsonFields.TryOptionalBool(body, "background", out var background) || background)
            return new RequestError("unsupported_parameter", "'background' responses are not supported by this gateway: their output could not be checked before it is fetched", "background");
        if (body["input"] is not JsonArray input || input.Count == 0)
            return new RequestError("missing_input", "'input' is required: a string or a non-empty array of input items", "input");

        var messages = new List<ConversationMessage>();
        if (JsonFields.StringOrNull(body["instructions"]) is { Length: > 0 } instructions)
            messages.Add(ConversationMessage.FromText(MessageRole.System, instructions));
        for (var i = 0; i < input.Count; i++)
        {
            var error = ReadItem(input[i], $"input[{i}]", messages);
            if (error is not null) return error;
        }

        var tools = new List<ToolDefinition>();
        if (body["tools"] is JsonArray toolArray)
        {
            for (var k = 0; k < toolArray.Count; k++)
            {
                var error = ReadTool(toolArray[k], $"tools[{k}]", tools);
                if (error is not null) return error;
            }
        }
        var choice = body["tool_choice"] switch
        {
            JsonValue v when JsonFields.TryString(v, out var s) => s,
            JsonObject o when JsonFields.TryString(o["name"], out var name) => "tool:" + name,
            _ => null,
        };
        return new ParsedRequest(new Conversation(model, messages) { Stream = stream, MaxTokens = maxTokens, Tools = tools, ToolChoice = choice }, body);
    }

    private static RequestError? ReadItem(JsonNode? node, string at, List<ConversationMessage> messages)
    {
        if (node is not JsonObject item) return new RequestError("invalid_input", $"{at} must be an object", at);
        var type = JsonFields.StringOrNull(item["type"]) ?? "message";
        switch (type)
        {
            case "function_call":
                if (!JsonFields.TryString(item["call_id"], out var callId) || callId.Length == 0)
                    return new RequestError("invalid_tool_call", $"{at}.call_id is required and must be a non-empty string", $"{at}.call_id");
                if (!JsonFields.TryString(item["name"], out var name) || !ToolNames.IsValid(name))
                    return new RequestError("invalid_tool_call", $"{at}.name must be 1-64 letters, digits, '_', '-' or '.'", $"{at}.name");
                var arguments = JsonFields.StringOrNull(item["arguments"]) ?? "";
                if (arguments.Length > 0 && !OpenAi.OpenAiRequestParser.IsJsonObject(arguments))
                    return new RequestError("invalid_tool_call", $"{at}.arguments must be a JSON object (as a string)", $"{at}.arguments");
                var call = ContentPart.Call(callId, name, arguments.Length == 0 ? "{}" : arguments);
                // Calls of one turn arrive as consecutive items; chat wire formats want them in one assistant message.
                if (messages.Count > 0 && messages[^1].Role == MessageRole.Assistant) messages[^1] = messages[^1] with { Parts = [.. messages[^1].Parts, call] };
                else messages.Add(new ConversationMessage(MessageRole.Assistant, [call]));
                return null;
            case "function_call_output":
                if (!JsonFields.TryString(item["call_id"], out var resultId) || resultId.Length == 0)
                    return new RequestError("invalid_tool_message", $"{at}.call_id is required and must be a non-empty string", $"{at}.call_id");
                var (output, outputError) = TextOf(item["output"], $"{at}.output");
                if (outputError is not null) return outputError;
                messages.Add(new ConversationMessage(MessageRole.Tool, [ContentPart.Result(resultId, output)]));
                return null;
            default:
                return ReadMessage(item, at, messages);
        }
    }

    private static RequestError? ReadMessage(JsonObject item, string at, List<ConversationMessage> messages)
    {
        MessageRole? role = JsonFields.StringOrNull(item["role"]) switch
        {
            "system" or "developer" => MessageRole.System,
            "user" => MessageRole.User,
            "assistant" => MessageRole.Assistant,
            _ => null,
        };
        if (role is null) return new RequestError("invalid_role", $"{at}.role must be one of system, developer, user, assistant", $"{at}.role");
        var parts = new List<ContentPart>();
        switch (item["content"])
        {
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                parts.Add(ContentPart.FromText(v.GetValue<string>()));
                break;
            case JsonArray array:
                for (var j = 0; j < array.Count; j++)
                {
                    var partAt = $"{at}.content[{j}]";
                    var part = array[j] as JsonObject;
                    switch (JsonFields.StringOrNull(part?["type"]))
                    {
                        case "input_text" or "output_text":
                            parts.Add(ContentPart.FromText(JsonFields.StringOrNull(part!["text"]) ?? ""));
                            break;
                        case "refusal":
                            parts.Add(ContentPart.FromText(JsonFields.StringOrNull(part!["refusal"]) ?? ""));
                            break;
                        case "input_image":
                            parts.Add(new ContentPart(ContentPartKind.Image, ""));
                            break;
                        case "input_file":
                            parts.Add(new ContentPart(ContentPartKind.Document, ""));
                            break;
                        default:
                            return new RequestError("invalid_content", $"{partAt} must be an object with a known 'type'", partAt);
                    }
                }
                break;
            default:
                return new RequestError("invalid_content", $"{at}.content must be a string or an array of parts", $"{at}.content");
        }
        messages.Add(new ConversationMessage(role.Value, parts));
        return null;
    }

    private static (string Text, RequestError? Error) TextOf(JsonNode? node, string at) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => (v.GetValue<string>(), null),
        JsonArray parts => (string.Join("\n", parts.Select(p => JsonFields.StringOrNull(p?["text"]) ?? "")), null),
        _ => ("", new RequestError("invalid_tool_message", $"{at} must be a string or an array of input_text parts", at)),
    };

    private static RequestError? ReadTool(JsonNode? node, string at, List<ToolDefinition> tools)
    {
        if (node is not JsonObject tool || JsonFields.StringOrNull(tool["type"]) != Function)
            return new RequestError("invalid_tools", $"{at}.type must be 'function' (built-in tools are not supported by this gateway)", $"{at}.type");
        if (!JsonFields.TryString(tool["name"], out var name) || !ToolNames.IsValid(name))
            return new RequestError("invalid_tools", $"{at}.name must be 1-64 letters, digits, '_', '-' or '.'", $"{at}.name");
        var parameters = tool["parameters"] switch
        {
            null => new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() },
            JsonObject p => (JsonObject)p.DeepClone(),
            _ => null,
        };
        if (parameters is null) return new RequestError("invalid_tools", $"{at}.parameters must be a JSON Schema object", $"{at}.parameters");
        tools.Add(new ToolDefinition(name, JsonFields.StringOrNull(tool["description"]) ?? "", parameters));
        return null;
    }
}
