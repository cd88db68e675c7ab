using System.Text.Json;
using Bulwark.Gateway.Protocols.Tools;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Protocols.OpenAi;

/// <summary>
/// chat.completion.chunk events: a first chunk with the assistant role, one chunk per released piece of text,
/// a final chunk with finish_reason ("content_filter" when the output guard blocked), a usage chunk, then [DONE].
/// </summary>
internal sealed class OpenAiStreamWriter(HttpResponse response, string model, string id, long created) : IClientStreamWriter
{
    private readonly SseWriter _sse = new(response);
    private int _promptTokens;

    public async ValueTask StartAsync(int promptTokens, CancellationToken cancellationToken)
    {
        _promptTokens = promptTokens;
        _sse.Begin();
        await _sse.WriteJsonAsync(null, w => Chunk(w, role: true, content: "", finish: null), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteTextAsync(string text, CancellationToken cancellationToken) =>
        await _sse.WriteJsonAsync(null, w => Chunk(w, role: false, content: text, finish: null), cancellationToken).ConfigureAwait(false);

    public async ValueTask WriteToolCallAsync(int index, ToolCall call, CancellationToken cancellationToken) =>
        await _sse.WriteJsonAsync(null, w =>
        {
            Header(w);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
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
        await _sse.WriteJsonAsync(null, w => Chunk(w, role: false, content: null, finish: finishReason, bulwark: bulwark), cancellationToken).ConfigureAwait(false);
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

    private void Chunk(Utf8JsonWriter w, bool role, string? content, string? finish, BulwarkInfo? bulwark = null)
    {
        Header(w);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        if (role) w.WriteString("role", "assistant");
        if (content is not null) w.WriteString("content", content);
        w.WriteEndObject();
        if (finish is null) w.WriteNull("finish_reason");
        else w.WriteString("finish_reason", finish);
        w.WriteEndObject();
        w.WriteEndArray();
        if (bulwark is not null) JsonOutput.WriteBulwark(w, bulwark);
        w.WriteEndObject();
    }
}
