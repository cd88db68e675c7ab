using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Protocols;
using Bulwark.Gateway.Sse;

namespace Bulwark.Gateway.Upstreams.Http;

/// <summary>Any OpenAI-compatible server (OpenAI, Azure OpenAI, vLLM, Ollama, llama.cpp): POST {BaseUrl}/chat/completions, streamed.</summary>
public sealed class OpenAiUpstreamClient(string name, UpstreamOptions options, HttpMessageInvoker invoker) : HttpUpstreamClient(name, options, invoker), IEmbeddingsUpstream
{
    private readonly Uri _embeddings = new(options.BaseUrl!.TrimEnd('/') + "/embeddings");

    private readonly Uri _endpoint = new(options.BaseUrl!.TrimEnd('/') + "/chat/completions");

    public override string Kind => "openai";

    protected override HttpRequestMessage BuildRequest(UpstreamCall call)
    {
        JsonObject body;
        if (call.ClientProtocol == "openai")
        {
            body = (JsonObject)call.OriginalBody.DeepClone();
        }
        else
        {
            body = new JsonObject { ["messages"] = WireMessages.ToOpenAi(call.Conversation), ["max_tokens"] = call.MaxTokens };
            if (call.Conversation.Tools.Count > 0) body["tools"] = WireMessages.OpenAiTools(call.Conversation);
            if (WireMessages.OpenAiToolChoice(call.Conversation.ToolChoice) is { } choice && call.Conversation.Tools.Count > 0) body["tool_choice"] = choice;
            foreach (var p in new[] { "temperature", "top_p" })
                if (call.OriginalBody[p] is { } v) body[p] = v.DeepClone();
            if (call.OriginalBody["stop_sequences"] is JsonArray stops) body["stop"] = stops.DeepClone();
        }
        body["model"] = call.UpstreamModel;
        body["stream"] = true;
        body["stream_options"] = new JsonObject { ["include_usage"] = true };
        var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = Json(body), Version = new Version(1, 1) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        Authorize(request, Options);
        return request;
    }

    /// <summary>POST {BaseUrl}/embeddings with the walked body, the model renamed; the answer comes back as it came.</summary>
    public async Task<(JsonObject? Answer, UpstreamFailure? Failure)> EmbedAsync(UpstreamCall call, CancellationToken cancellationToken)
    {
        var body = (JsonObject)call.OriginalBody.DeepClone();
        body["model"] = call.UpstreamModel;
        using var request = new HttpRequestMessage(HttpMethod.Post, _embeddings) { Content = Json(body), Version = new Version(1, 1) };
        Authorize(request, Options);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.Timeout);
        try
        {
            using var response = await Invoker.SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return (null, await UpstreamErrors.FromResponseAsync(Name, response, timeout.Token).ConfigureAwait(false));
            var answer = JsonNode.Parse(await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false)) as JsonObject;
            return answer is null ? (null, new UpstreamFailure("upstream_protocol_error", $"upstream '{Name}' sent a malformed answer", 502)) : (answer, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, new UpstreamFailure("upstream_timeout", $"upstream '{Name}' did not answer within {Options.Timeout.TotalSeconds:0.#} s", 504));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException)
        {
            return (null, new UpstreamFailure("upstream_unavailable", $"upstream '{Name}' failed to answer", 502));
        }
    }

    /// <summary>Sets the upstream's key the way OpenAI (Bearer) and Azure OpenAI (api-key) read it; used by every OpenAI endpoint's client.</summary>
    internal static void Authorize(HttpRequestMessage request, UpstreamOptions options)
    {
        var key = options.ResolveApiKey();
        if (!string.IsNullOrEmpty(key))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            request.Headers.TryAddWithoutValidation("api-key", key); // Azure OpenAI
        }
    }

    protected override void Translate(SseEvent sse, List<UpstreamEvent> output, ref StreamState state)
    {
        if (sse.Data == "[DONE]")
        {
            state.Done = true;
            output.Add(new UpstreamFinished(state.FinishReason ?? "stop", state.PromptTokens, state.CompletionTokens)
            {
                Details = new UpstreamDetails(Kind, state.Usage, state.Fields ?? []),
                ChoiceFinishReasons = state.Finishes ?? [],
            });
            return;
        }
        JsonNode? chunk;
        try
        {
            chunk = JsonNode.Parse(sse.Data);
        }
        catch (JsonException)
        {
            output.Add(new UpstreamFailure("upstream_protocol_error", "upstream sent a chunk that is not JSON", 502));
            return;
        }
        if (chunk is not JsonObject obj)
        {
            output.Add(new UpstreamFailure("upstream_protocol_error", "upstream sent a chunk that is not a JSON object", 502));
            return;
        }
        if (obj["error"] is not null)
        {
            output.Add(new UpstreamFailure("upstream_error", "upstream reported an error mid-stream", 502));
            return;
        }
        foreach (var field in PassedFields)
        {
            if (obj[field] is JsonValue fv) (state.Fields ??= [])[field] = fv.DeepClone();
        }
        if (obj["usage"] is JsonObject usage)
        {
            state.Usage = (JsonObject)usage.DeepClone();
            state.PromptTokens = (int?)usage["prompt_tokens"] ?? state.PromptTokens;
            state.CompletionTokens = (int?)usage["completion_tokens"] ?? state.CompletionTokens;
        }
        if (obj["choices"] is not JsonArray choices) return;
        foreach (var node in choices)
        {
            if (node is not JsonObject choice) continue;
            var index = ChoiceIndex(choice);
            var logprobs = choice["logprobs"]?["content"] as JsonArray;
            if (choice["delta"]?["content"] is JsonValue content && content.GetValueKind() == JsonValueKind.String && content.GetValue<string>() is var text && (text.Length > 0 || logprobs is { Count: > 0 }))
                output.Add(new TextDelta(text) { Choice = index, Logprobs = (JsonArray?)logprobs?.DeepClone() });
            if (choice["delta"]?["tool_calls"] is JsonArray calls)
            {
                foreach (var call in calls)
                {
                    if (call is not JsonObject c) continue;
                    var callIndex = c["index"] is JsonValue iv && iv.TryGetValue<int>(out var i) ? i : 0;
                    output.Add(new ToolCallDelta(callIndex, JsonFields.StringOrNull(c["id"]), JsonFields.StringOrNull(c["function"]?["name"]), JsonFields.StringOrNull(c["function"]?["arguments"]) ?? "") { Choice = index });
                }
            }
            if (choice["finish_reason"] is JsonValue fr && fr.GetValueKind() == JsonValueKind.String)
            {
                (state.Finishes ??= [])[index] = fr.GetValue<string>();
                if (index == 0) state.FinishReason = fr.GetValue<string>();
            }
        }
    }

    private static int ChoiceIndex(JsonObject choice) => choice["index"] is JsonValue v && v.TryGetValue<int>(out var i) && i >= 0 ? i : 0;

    private static readonly string[] PassedFields = ["system_fingerprint", "service_tier"];


    protected override void TranslateDocument(JsonNode document, List<UpstreamEvent> output)
    {
        if (document["choices"] is not JsonArray { Count: > 0 } choices) throw new JsonException("no choices");
        var finishes = new Dictionary<int, string>();
        foreach (var node in choices)
        {
            if (node is not JsonObject choice) throw new JsonException("a choice is not an object");
            var index = ChoiceIndex(choice);
            var text = JsonFields.StringOrNull(choice["message"]?["content"]) ?? "";
            var logprobs = choice["logprobs"]?["content"] as JsonArray;
            if (text.Length > 0 || logprobs is { Count: > 0 }) output.Add(new TextDelta(text) { Choice = index, Logprobs = (JsonArray?)logprobs?.DeepClone() });
            if (choice["message"]?["tool_calls"] is JsonArray calls)
            {
                for (var i = 0; i < calls.Count; i++)
                {
                    var args = calls[i]?["function"]?["arguments"];
                    output.Add(new ToolCallDelta(i, JsonFields.StringOrNull(calls[i]?["id"]), JsonFields.StringOrNull(calls[i]?["function"]?["name"]), JsonFields.StringOrNull(args) ?? args?.ToJsonString() ?? "") { Choice = index });
                }
            }
            finishes[index] = JsonFields.StringOrNull(choice["finish_reason"]) ?? "stop";
        }
        var fields = new JsonObject();
        foreach (var field in PassedFields)
        {
            if (document[field] is JsonValue fv) fields[field] = fv.DeepClone();
        }
        output.Add(new UpstreamFinished(finishes.GetValueOrDefault(0, "stop"), (int?)document["usage"]?["prompt_tokens"], (int?)document["usage"]?["completion_tokens"])
        {
            Details = new UpstreamDetails(Kind, document["usage"]?.DeepClone() as JsonObject, fields),
            ChoiceFinishReasons = finishes,
        });
    }
}
