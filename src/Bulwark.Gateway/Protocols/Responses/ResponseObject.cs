using System.Text.Json;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Protocols.Tools;
using Bulwark.Gateway.Upstreams.Http;

namespace Bulwark.Gateway.Protocols.Responses;

/// <summary>
/// The Responses API "response" object, written for a whole answer and for the response.created / completed /
/// incomplete stream events. A content-filtered answer is status "incomplete" with incomplete_details.reason
/// "content_filter", as the Responses API ends one; a length stop is "max_output_tokens". When the upstream speaks
/// the Responses API (<see cref="Upstream"/>), its id, creation time, settings, reasoning items and usage are
/// written as it sent them; the gateway writes only the status, the output it released and its own receipt.
/// </summary>
internal sealed record ResponseObject(string Id, long CreatedAt, string Model)
{
    public const string InProgress = "in_progress";

    private const string Output = "output";

    /// <summary>The fields the gateway writes itself; every other field of an upstream response is copied.</summary>
    private static readonly HashSet<string> Owned = new(StringComparer.Ordinal)
    {
        "id", "object", "created_at", "status", "error", "incomplete_details", "model", Output, "output_text", "usage", "bulwark",
    };

    /// <summary>The upstream's own response object (Responses API pass-through), or null when the answer was translated.</summary>
    public JsonObject? Upstream { get; init; }

    /// <summary>The item id of the assistant message of this response.</summary>
    public string MessageId => "msg_" + (Id.StartsWith("resp_", StringComparison.Ordinal) ? Id[5..] : Id);

    /// <summary>This response with the upstream's id, creation time and fields.</summary>
    public ResponseObject Adopt(JsonObject upstream) => this with
    {
        Id = JsonFields.StringOrNull(upstream["id"]) is { Length: > 0 } id ? id : Id,
        CreatedAt = upstream["created_at"] is JsonValue v && v.TryGetValue<long>(out var created) ? created : CreatedAt,
        Upstream = upstream,
    };

    public static string StatusOf(string? finishReason) => finishReason switch
    {
        null => InProgress,
        "content_filter" or "length" => "incomplete",
        _ => "completed",
    };

    public void Write(Utf8JsonWriter w, string? finishReason, string text, IReadOnlyList<ToolCall> calls, int promptTokens, int completionTokens, Upstreams.UpstreamDetails? details, BulwarkInfo? bulwark)
    {
        var upstream = details is { Wire: ResponsesWire.Name } ? details.Fields : Upstream;
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
        w.WriteString("model", Model);
        w.WriteStartArray(Output);
        if (finishReason is not null)
        {
            foreach (var reasoning in ReasoningItems(upstream)) reasoning.WriteTo(w);
            if (text.Length > 0 || calls.Count == 0) WriteMessage(w, text, status == "incomplete" ? "incomplete" : "completed");
            foreach (var call in calls) WriteCall(w, call, "completed");
        }
        w.WriteEndArray();
        if (upstream is null) WriteDefaults(w);
        else
        {
            foreach (var (name, value) in upstream)
            {
                if (Owned.Contains(name)) continue;
                w.WritePropertyName(name);
                if (value is null) w.WriteNullValue();
                else value.WriteTo(w);
            }
        }
        if (finishReason is null) w.WriteNull("usage");
        else if (details is { Wire: ResponsesWire.Name, Usage: { } usage })
        {
            w.WritePropertyName("usage");
            usage.WriteTo(w);
        }
        else WriteUsage(w, promptTokens, completionTokens, details);
        if (bulwark is not null) JsonOutput.WriteBulwark(w, bulwark);
        w.WriteEndObject();
    }

    /// <summary>
    /// The reasoning items of an upstream response, passed back without their summary text: a summary is model text
    /// that the output guards do not read, so it is withheld; ids and encrypted content (opaque) are kept.
    /// </summary>
    public static IEnumerable<JsonObject> ReasoningItems(JsonObject? upstream)
    {
        if (upstream?[Output] is not JsonArray items) yield break;
        foreach (var item in items)
        {
            if (item is JsonObject o && JsonFields.StringOrNull(o["type"]) == ResponsesWire.Reasoning) yield return Reasoning(o);
        }
    }

    /// <summary>One reasoning item as passed back (see <see cref="ReasoningItems"/>).</summary>
    public static JsonObject Reasoning(JsonObject item)
    {
        var kept = new JsonObject { ["type"] = ResponsesWire.Reasoning, ["id"] = item["id"]?.DeepClone(), ["summary"] = new JsonArray() };
        if (item["encrypted_content"] is { } encrypted) kept["encrypted_content"] = encrypted.DeepClone();
        if (item["status"] is { } status) kept["status"] = status.DeepClone();
        return kept;
    }

    private static void WriteDefaults(Utf8JsonWriter w)
    {
        w.WriteNull("instructions");
        w.WriteNull("max_output_tokens");
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
        w.WriteStartObject("metadata");
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

    /// <summary>Usage in Responses form; an OpenAI chat upstream's cached and reasoning token counts are carried over.</summary>
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

    private static int Count(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;
}
