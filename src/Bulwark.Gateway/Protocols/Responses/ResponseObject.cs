using System.Text.Json;
using Bulwark.Gateway.Protocols.Tools;

namespace Bulwark.Gateway.Protocols.Responses;

/// <summary>
/// The Responses API "response" object, written for a whole answer and for the response.created / completed /
/// incomplete stream events. A content-filtered answer is status "incomplete" with incomplete_details.reason
/// "content_filter", as the Responses API ends one; a length stop is "max_output_tokens".
/// </summary>
internal sealed record ResponseObject(string Id, long CreatedAt, string Model)
{
    public const string InProgress = "in_progress";

    /// <summary>The item id of the assistant message of this response.</summary>
    public string MessageId => "msg_" + Id[5..];

    public static string StatusOf(string? finishReason) => finishReason switch
    {
        null => InProgress,
        "content_filter" or "length" => "incomplete",
        _ => "completed",
    };

    public void Write(Utf8JsonWriter w, string? finishReason, string text, IReadOnlyList<ToolCall> calls, int promptTokens, int completionTokens, Upstreams.UpstreamDetails? details, BulwarkInfo? bulwark)
    {
        var status = StatusOf(finishReason);
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("object", "response");
        w.WriteNumber("created_at", CreatedAt);
        w.WriteString("status", status);
        w.WriteNull("error");
        if (status == "incomplete")
        {
            w.WriteStartObject("incomplete_details");
            w.WriteString("reason", finishReason == "length" ? "max_output_tokens" : "content_filter");
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("incomplete_details");
        }
        w.WriteNull("instructions");
        w.WriteNull("max_output_tokens");
        w.WriteString("model", Model);
        w.WriteStartArray("output");
        if (finishReason is not null)
        {
            if (text.Length > 0 || calls.Count == 0) WriteMessage(w, text, status == "incomplete" ? "incomplete" : "completed");
            foreach (var call in calls) WriteCall(w, call, "completed");
        }
        w.WriteEndArray();
        w.WriteBoolean("parallel_tool_calls", true);
        w.WriteNull("previous_response_id");
        w.WriteStartObject("text");
        w.WriteStartObject("format");
        w.WriteString("type", "text");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("tool_choice", "auto");
        w.WriteStartArray("tools");
        w.WriteEndArray();
        w.WriteString("truncation", "disabled");
        if (finishReason is null) w.WriteNull("usage");
        else WriteUsage(w, promptTokens, completionTokens, details);
        w.WriteStartObject("metadata");
        w.WriteEndObject();
        if (bulwark is not null) JsonOutput.WriteBulwark(w, bulwark);
        w.WriteEndObject();
    }

    public void WriteMessage(Utf8JsonWriter w, string text, string status)
    {
        w.WriteStartObject();
        w.WriteString("type", "message");
        w.WriteString("id", MessageId);
        w.WriteString("status", status);
        w.WriteString("role", "assistant");
        w.WriteStartArray("content");
        if (status != InProgress) WriteTextPart(w, text);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteTextPart(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type", "output_text");
        w.WriteString("text", text);
        w.WriteStartArray("annotations");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static string CallItemId(ToolCall call) => "fc_" + call.Id;

    public static void WriteCall(Utf8JsonWriter w, ToolCall call, string status)
    {
        w.WriteStartObject();
        w.WriteString("type", "function_call");
        w.WriteString("id", CallItemId(call));
        w.WriteString("call_id", call.Id);
        w.WriteString("name", call.Name);
        w.WriteString("arguments", status == InProgress ? "" : call.Arguments);
        w.WriteString("status", status);
        w.WriteEndObject();
    }

    /// <summary>Usage in Responses form; an OpenAI upstream's cached and reasoning token counts are carried over.</summary>
    private static void WriteUsage(Utf8JsonWriter w, int promptTokens, int completionTokens, Upstreams.UpstreamDetails? details)
    {
        var usage = details is { Wire: "openai" } ? details.Usage : null;
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", promptTokens);
        w.WriteStartObject("input_tokens_details");
        w.WriteNumber("cached_tokens", Count(usage?["prompt_tokens_details"]?["cached_tokens"]));
        w.WriteEndObject();
        w.WriteNumber("output_tokens", completionTokens);
        w.WriteStartObject("output_tokens_details");
        w.WriteNumber("reasoning_tokens", Count(usage?["completion_tokens_details"]?["reasoning_tokens"]));
        w.WriteEndObject();
        w.WriteNumber("total_tokens", promptTokens + completionTokens);
        w.WriteEndObject();
    }

    private static int Count(System.Text.Json.Nodes.JsonNode? node) =>
        node is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;
}
