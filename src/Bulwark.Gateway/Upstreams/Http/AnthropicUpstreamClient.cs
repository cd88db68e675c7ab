using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Protocols;
using Bulwark.Gateway.Sse;

namespace Bulwark.Gateway.Upstreams.Http;

/// <summary>The Anthropic Messages API: POST {BaseUrl}/v1/messages with x-api-key and anthropic-version, streamed.</summary>
public sealed class AnthropicUpstreamClient(string name, UpstreamOptions options, HttpMessageInvoker invoker) : HttpUpstreamClient(name, options, invoker)
{
    private readonly Uri _endpoint = new(options.BaseUrl!.TrimEnd('/').EndsWith("/v1", StringComparison.Ordinal)
        ? options.BaseUrl!.TrimEnd('/') + "/messages"
        : options.BaseUrl!.TrimEnd('/') + "/v1/messages");

    public override string Kind => "anthropic";

    protected override HttpRequestMessage BuildRequest(UpstreamCall call)
    {
        JsonObject body;
        if (call.ClientProtocol == "anthropic")
        {
            body = (JsonObject)call.OriginalBody.DeepClone();
        }
        else
        {
            var (system, messages) = WireMessages.ToAnthropic(call.Conversation);
            body = new JsonObject { ["messages"] = messages, ["max_tokens"] = call.MaxTokens };
            if (system is not null) body["system"] = system;
            if (call.Conversation.Tools.Count > 0) body["tools"] = WireMessages.AnthropicTools(call.Conversation);
            if (WireMessages.AnthropicToolChoice(call.Conversation.ToolChoice) is { } choice && call.Conversation.Tools.Count > 0) body["tool_choice"] = choice;
            foreach (var p in new[] { "temperature", "top_p" })
                if (call.OriginalBody[p] is { } v) body[p] = v.DeepClone();
            if (call.OriginalBody["stop"] is JsonArray stops) body["stop_sequences"] = stops.DeepClone();
            else if (call.OriginalBody["stop"] is JsonValue stop) body["stop_sequences"] = new JsonArray(stop.DeepClone());
        }
        body["model"] = call.UpstreamModel;
        body["stream"] = true;
        var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = Json(body), Version = new Version(1, 1) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.TryAddWithoutValidation("anthropic-version", Options.AnthropicVersion);
        var key = Options.ResolveApiKey();
        if (!string.IsNullOrEmpty(key)) request.Headers.TryAddWithoutValidation("x-api-key", key);
        return request;
    }

    protected override void Translate(SseEvent sse, List<UpstreamEvent> output, ref StreamState state)
    {
        JsonNode? data;
        try
        {
            data = JsonNode.Parse(sse.Data);
        }
        catch (JsonException)
        {
            output.Add(new UpstreamFailure("upstream_protocol_error", "upstream sent an event that is not JSON", 502));
            return;
        }
        var type = sse.EventType.Length > 0 ? sse.EventType : (string?)data?["type"] ?? "";
        switch (type)
        {
            case "message_start":
                state.PromptTokens = (int?)data?["message"]?["usage"]?["input_tokens"];
                if (data?["message"]?["usage"] is JsonObject startUsage) state.Usage = (JsonObject)startUsage.DeepClone();
                break;
            case "content_block_start":
                if (data?["content_block"] is not JsonObject start) break;
                switch (JsonFields.StringOrNull(start["type"]))
                {
                    case "tool_use":
                        output.Add(new ToolCallDelta(Index(data), JsonFields.StringOrNull(start["id"]), JsonFields.StringOrNull(start["name"]), start["input"] is JsonObject { Count: > 0 } input ? input.ToJsonString() : ""));
                        break;
                    case "thinking" when JsonFields.StringOrNull(start["thinking"]) is { Length: > 0 } thought:
                        output.Add(new ThinkingDelta(thought));
                        break;
                    case "redacted_thinking":
                        output.Add(new ThinkingDelta("") { RedactedData = JsonFields.StringOrNull(start["data"]) ?? "" });
                        break;
                }
                break;
            case "content_block_delta":
                if (data?["delta"] is not JsonObject delta) break;
                switch (JsonFields.StringOrNull(delta["type"]))
                {
                    case "text_delta" when JsonFields.StringOrNull(delta["text"]) is { Length: > 0 } text:
                        output.Add(new TextDelta(text));
                        break;
                    case "input_json_delta":
                        output.Add(new ToolCallDelta(Index(data), null, null, JsonFields.StringOrNull(delta["partial_json"]) ?? ""));
                        break;
                    case "thinking_delta" when JsonFields.StringOrNull(delta["thinking"]) is { Length: > 0 } thinking:
                        output.Add(new ThinkingDelta(thinking));
                        break;
                    case "signature_delta":
                        output.Add(new ThinkingDelta("") { Signature = JsonFields.StringOrNull(delta["signature"]) ?? "" });
                        break;
                }
                break;
            case "message_delta":
                state.FinishReason = MapStop((string?)data?["delta"]?["stop_reason"]) ?? state.FinishReason;
                if (data?["delta"]?["stop_sequence"] is JsonValue stopSequence) (state.Fields ??= [])[StopSequence] = stopSequence.DeepClone();
                state.CompletionTokens = (int?)data?["usage"]?["output_tokens"] ?? state.CompletionTokens;
                if (data?["usage"] is JsonObject deltaUsage)
                {
                    // message_delta usage is cumulative: its counts replace those of message_start.
                    state.Usage ??= [];
                    foreach (var (k, v) in deltaUsage) state.Usage[k] = v?.DeepClone();
                }
                break;
            case "message_stop":
                state.Done = true;
                output.Add(new UpstreamFinished(state.FinishReason ?? "stop", state.PromptTokens, state.CompletionTokens)
                {
                    Details = new UpstreamDetails(Kind, state.Usage, state.Fields ?? []),
                });
                break;
            case "error":
                output.Add(new UpstreamFailure("upstream_error", "upstream reported an error mid-stream", 502));
                break;
            case "ping" or "content_block_stop":
                break;
            default:
                // Unknown event types are allowed by the API's versioning policy: ignore them.
                break;
        }
    }

    protected override void TranslateDocument(JsonNode document, List<UpstreamEvent> output)
    {
        if (document["content"] is not JsonArray content) throw new JsonException("no content");
        for (var i = 0; i < content.Count; i++)
        {
            var block = content[i];
            switch (JsonFields.StringOrNull(block?["type"]))
            {
                case "text" when JsonFields.StringOrNull(block?["text"]) is { Length: > 0 } text:
                    output.Add(new TextDelta(text));
                    break;
                case "tool_use":
                    output.Add(new ToolCallDelta(i, JsonFields.StringOrNull(block?["id"]), JsonFields.StringOrNull(block?["name"]), block?["input"]?.ToJsonString() ?? "{}"));
                    break;
                case "thinking":
                    output.Add(new ThinkingDelta(JsonFields.StringOrNull(block?["thinking"]) ?? ""));
                    output.Add(new ThinkingDelta("") { Signature = JsonFields.StringOrNull(block?["signature"]) ?? "" });
                    break;
                case "redacted_thinking":
                    output.Add(new ThinkingDelta("") { RedactedData = JsonFields.StringOrNull(block?["data"]) ?? "" });
                    break;
            }
        }
        var fields = new JsonObject();
        if (document["stop_sequence"] is JsonValue stopSequence) fields[StopSequence] = stopSequence.DeepClone();
        output.Add(new UpstreamFinished(MapStop((string?)document["stop_reason"]) ?? "stop", (int?)document["usage"]?["input_tokens"], (int?)document["usage"]?["output_tokens"])
        {
            Details = new UpstreamDetails(Kind, document["usage"]?.DeepClone() as JsonObject, fields),
        });
    }


    /// <summary>The stop sequence that ended the answer, passed back to Anthropic clients.</summary>
    public const string StopSequence = "stop_sequence";

    private static int Index(JsonNode? data) => data?["index"] is JsonValue v && v.TryGetValue<int>(out var i) ? i : 0;

    private static string? MapStop(string? reason) => reason switch
    {
        null => null,
        "end_turn" or "stop_sequence" => "stop",
        "max_tokens" => "length",
        "tool_use" => "tool_calls",
        "refusal" => "content_filter",
        _ => "stop",
    };
}
