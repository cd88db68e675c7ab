using System.Text.Json;
using Bulwark.Gateway.Protocols.Tools;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Protocols.OpenAi;

/// <summary>
/// chat.completion.chunk events: a first chunk with the assistant role, one chunk per released piece of text,
/// a final chunk with finish_reason ("content_filter" when the output guard blocked), a usage chunk, then [DONE].
/// With n &gt; 1 every chunk names its choice's index and each choice gets its own final chunk; released log
/// probabilities ride in the chunk of the text they belong to.
/// </summary>
internal sealed class OpenAiStreamWriter(HttpResponse response, string model, string id, long created) : IClientStreamWriter, IChoiceStreamWriter
{
    private readonly SseWriter _sse = new(response);
    private readonly HashSet<int> _started = [0];
    private readonly HashSet<int> _finished = [];
    private int _promptTokens;

    public async ValueTask StartAsync(int promptTokens, CancellationToken cancellationToken)
    {
        _promptTokens = promptTokens;
        _sse.Begin();
        await _sse.WriteJsonAsync(null, w => Chunk(w, role: true, content: "", finish: null), cancellationToken).ConfigureAwait(false);
    }

    public ValueTask WriteTextAsync(string text, CancellationToken cancellationToken) => WriteTextAsync(0, text, null, cancellationToken);

    public ValueTask WriteToolCallAsync(int index, ToolCall call, CancellationToken cancellationToken) => WriteToolCallAsync(0, index, call, cancellationToken);

    public async ValueTask WriteTextAsync(int choice, string text, System.Text.Json.Nodes.JsonArray? logprobs, CancellationToken cancellationToken) =>
        await _sse.WriteJsonAsync(null, w => Chunk(w, role: _started.Add(choice), content: text, finish: null, choice: choice, logprobs: logprobs), cancellationToken).ConfigureAwait(false);

    public async ValueTask FinishChoiceAsync(int choice, string finishReason, BulwarkInfo? bulwark, CancellationToken cancellationToken)
    {
        if (!_finished.Add(choice)) return;
        await _sse.WriteJsonAsync(null, w => Chunk(w, role: _started.Add(choice), content: null, finish: finishReason, bulwark: bulwark, choice: choice), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteToolCallAsync(int choice, int index, ToolCall call, CancellationToken cancellationToken) =>
        await _sse.WriteJsonAsync(null, w =>
        {
            Header(w);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", choice);
            w.WriteStartObject("delta");
            w.WriteStartArray("tool_calls");
            OpenAiProtocol.WriteToolCall(w, call, index);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteNull("finish_reason");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask FinishAsync(string finishReason, int promptTokens, int completionTokens, BulwarkInfo? bulwark, Upstreams.UpstreamDetails? details, CancellationToken cancellationToken)
    {
        _promptTokens = promptTokens;
        await FinishChoiceAsync(0, finishReason, bulwark, cancellationToken).ConfigureAwait(false);
        await _sse.WriteJsonAsync(null, w =>
        {
            Header(w);
            w.WriteStartArray("choices");
            w.WriteEndArray();
            if (details is { Wire: "openai", Usage: { } usage })
            {
                w.WritePropertyName("usage");
                usage.WriteTo(w);
            }
            else
            {
                w.WriteStartObject("usage");
                w.WriteNumber("prompt_tokens", _promptTokens);
                w.WriteNumber("completion_tokens", completionTokens);
                w.WriteNumber("total_tokens", _promptTokens + completionTokens);
                w.WriteEndObject();
            }
            if (details is { Wire: "openai" })
            {
                foreach (var (k, v) in details.Fields)
                {
                    w.WritePropertyName(k);
                    if (v is null) w.WriteNullValue();
                    else v.WriteTo(w);
                }
            }
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
        await _sse.WriteRawAsync("data: [DONE]\n\n"u8, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask FailAsync(GatewayError error, BulwarkInfo bulwark, CancellationToken cancellationToken)
    {
        await _sse.WriteJsonAsync(null, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("type", OpenAiProtocol.ErrorType(error.StatusCode));
            w.WriteString("code", error.Code);
            w.WriteString("message", error.Message);
            w.WriteNull("param");
            JsonOutput.WriteBulwark(w, bulwark);
            w.WriteEndObject();
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
        await _sse.WriteRawAsync("data: [DONE]\n\n"u8, cancellationToken).ConfigureAwait(false);
    }

    private void Header(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", "chat.completion.chunk");
        w.WriteNumber("created", created);
        w.WriteString("model", model);
    }

    private void Chunk(Utf8JsonWriter w, bool role, string? content, string? finish, BulwarkInfo? bulwark = null, int choice = 0, System.Text.Json.Nodes.JsonArray? logprobs = null)
    {
        Header(w);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", choice);
        w.WriteStartObject("delta");
        if (role) w.WriteString("role", "assistant");
        if (content is not null) w.WriteString("content", content);
        w.WriteEndObject();
        if (logprobs is not null) OpenAiProtocol.WriteLogprobs(w, logprobs);
        if (finish is null) w.WriteNull("finish_reason");
        else w.WriteString("finish_reason", finish);
        w.WriteEndObject();
        w.WriteEndArray();
        if (bulwark is not null) JsonOutput.WriteBulwark(w, bulwark);
        w.WriteEndObject();
    }
}
