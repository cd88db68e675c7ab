using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Protocols;
using Bulwark.Gateway.Sse;

namespace Bulwark.Gateway.Upstreams.Http;

/// <summary>
/// The OpenAI Responses API, passed through: POST {BaseUrl}/responses with the walked (scanned) request body, the
/// model renamed, always streamed so that an output block can stop the model. Its typed events become neutral
/// events: output_text and refusal deltas are text for the output gate, each finished function_call item one whole
/// tool call, the created response and reasoning items <see cref="UpstreamResponseEvent"/>s, and
/// response.completed / response.incomplete the end, with the whole final response object as the details.
/// </summary>
public sealed class OpenAiResponsesUpstreamClient(string name, UpstreamOptions options, HttpMessageInvoker invoker) : HttpUpstreamClient(name, options, invoker)
{
    private readonly Uri _endpoint = new(options.BaseUrl!.TrimEnd('/') + "/responses");

    public override string Kind => "openai";

    protected override HttpRequestMessage BuildRequest(UpstreamCall call)
    {
        var body = (JsonObject)call.OriginalBody.DeepClone();
        body["model"] = call.UpstreamModel;
        body["stream"] = true;
        var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = Json(body), Version = new Version(1, 1) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        OpenAiUpstreamClient.Authorize(request, Options);
        return request;
    }

    protected override void Translate(SseEvent sse, List<UpstreamEvent> output, ref StreamState state)
    {
        JsonObject? data;
        try
        {
            data = JsonNode.Parse(sse.Data) as JsonObject;
        }
        catch (JsonException)
        {
            data = null;
        }
        if (data is null)
        {
            output.Add(new UpstreamFailure("upstream_protocol_error", "upstream sent an event that is not a JSON object", 502));
            return;
        }
        var type = JsonFields.StringOrNull(data["type"]) ?? sse.EventType;
        switch (type)
        {
            case ResponsesWire.Created:
                if (data["response"] is JsonObject created) output.Add(new UpstreamResponseEvent(type, created));
                break;
            case ResponsesWire.OutputTextDelta or ResponsesWire.RefusalDelta:
                if (JsonFields.StringOrNull(data["delta"]) is { Length: > 0 } text) output.Add(new TextDelta(text));
                break;
            case ResponsesWire.OutputItemDone:
                if (data["item"] is JsonObject item) Item(item, Index(data["output_index"]), output, streamed: true);
                break;
            case ResponsesWire.Completed or ResponsesWire.Incomplete:
                if (data["response"] is not JsonObject response)
                {
                    output.Add(new UpstreamFailure("upstream_protocol_error", $"upstream '{Name}' ended without a response object", 502));
                    return;
                }
                state.Done = true;
                output.Add(Finished(response));
                break;
            case ResponsesWire.Failed:
                output.Add(Failure(data["response"]?["error"]));
                break;
            case ResponsesWire.Error:
                output.Add(Failure(data));
                break;
            default:
                // in_progress, content_part, *.done and the argument deltas carry nothing the finished items do not;
                // unknown event types are allowed by the API's versioning policy.
                break;
        }
    }

    protected override void TranslateDocument(JsonNode document, List<UpstreamEvent> output)
    {
        if (document is not JsonObject response || response["output"] is not JsonArray items) throw new JsonException("no output");
        if (JsonFields.StringOrNull(response["status"]) == "failed")
        {
            output.Add(Failure(response["error"]));
            return;
        }
        // The document stands in for the whole stream: it is the created response (its id and settings) as well as the end.
        output.Add(new UpstreamResponseEvent(ResponsesWire.Created, response));
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is JsonObject item) Item(item, i, output, streamed: false);
        }
        output.Add(Finished(response));
    }

    /// <summary>
    /// A finished output item. Text arrives as deltas in a stream, so a streamed message adds nothing here; a
    /// function call is one whole tool call; a reasoning item is passed back.
    /// </summary>
    private static void Item(JsonObject item, int index, List<UpstreamEvent> output, bool streamed)
    {
        switch (JsonFields.StringOrNull(item["type"]))
        {
            case ResponsesWire.FunctionCall:
                output.Add(new ToolCallDelta(index, JsonFields.StringOrNull(item["call_id"]), JsonFields.StringOrNull(item["name"]), JsonFields.StringOrNull(item["arguments"]) ?? ""));
                break;
            case ResponsesWire.Reasoning:
                output.Add(new UpstreamResponseEvent(ResponsesWire.OutputItemDone, item));
                break;
            case ResponsesWire.Message when !streamed && item["content"] is JsonArray parts:
                foreach (var part in parts)
                {
                    var text = JsonFields.StringOrNull(part?["text"]) ?? JsonFields.StringOrNull(part?["refusal"]);
                    if (text is { Length: > 0 }) output.Add(new TextDelta(text));
                }
                break;
        }
    }

    private static UpstreamFinished Finished(JsonObject response)
    {
        var usage = response["usage"] as JsonObject;
        var calls = response["output"] is JsonArray items && items.Any(i => JsonFields.StringOrNull(i?["type"]) == ResponsesWire.FunctionCall);
        var finish = JsonFields.StringOrNull(response["status"]) == "incomplete"
            ? JsonFields.StringOrNull(response["incomplete_details"]?["reason"]) == "content_filter" ? "content_filter" : "length"
            : calls ? "tool_calls" : "stop";
        return new UpstreamFinished(finish, Count(usage?["input_tokens"]), Count(usage?["output_tokens"]))
        {
            Details = new UpstreamDetails(ResponsesWire.Name, usage?.DeepClone() as JsonObject, (JsonObject)response.DeepClone()),
        };
    }

    private UpstreamFailure Failure(JsonNode? error)
    {
        // The upstream's message may quote the conversation: only its code is kept, as for chat streams.
        var code = JsonFields.StringOrNull(error?["code"]);
        return new UpstreamFailure("upstream_error", $"upstream '{Name}' reported an error mid-answer" + (code is null ? "" : $" ({code})"), 502);
    }

    private static int Index(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var i) ? i : 0;

    private static int? Count(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;
}
