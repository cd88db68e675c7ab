using Bulwark.Gateway.Protocols.Tools;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Protocols.Anthropic;

/// <summary>
/// Messages API streaming events: message_start, content_block_start, ping, content_block_delta…,
/// content_block_stop, message_delta (stop_reason "refusal" when the output guard blocked), message_stop.
/// </summary>
internal sealed class AnthropicStreamWriter(HttpResponse response, string model, string id) : IClientStreamWriter
{
    private readonly SseWriter _sse = new(response);
    private bool _blockOpen;
    private int _blockIndex;

    public async ValueTask StartAsync(int promptTokens, CancellationToken cancellationToken)
    {
        _sse.Begin();
        await _sse.WriteJsonAsync("message_start", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "message_start");
            w.WriteStartObject("message");
            w.WriteString("id", id);
            w.WriteString("type", "message");
            w.WriteString("role", "assistant");
            w.WriteString("model", model);
            w.WriteStartArray("content");
            w.WriteEndArray();
            w.WriteNull("stop_reason");
            w.WriteNull("stop_sequence");
            w.WriteStartObject("usage");
            w.WriteNumber("input_tokens", promptTokens);
            w.WriteNumber("output_tokens", 0);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
        await _sse.WriteJsonAsync("content_block_start", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_start");
            w.WriteNumber("index", 0);
            w.WriteStartObject("content_block");
            w.WriteString("type", "text");
            w.WriteString("text", "");
            w.WriteEndObject();
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
        _blockOpen = true;
        await _sse.WriteJsonAsync("ping", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "ping");
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteTextAsync(string text, CancellationToken cancellationToken) =>
        await _sse.WriteJsonAsync("content_block_delta", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_delta");
            w.WriteNumber("index", 0);
            w.WriteStartObject("delta");
            w.WriteString("type", "text_delta");
            w.WriteString("text", text);
            w.WriteEndObject();
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);

    public async ValueTask WriteToolCallAsync(int index, ToolCall call, CancellationToken cancellationToken)
    {
        await CloseBlockAsync(cancellationToken).ConfigureAwait(false);
        var block = ++_blockIndex;
        await _sse.WriteJsonAsync("content_block_start", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_start");
            w.WriteNumber("index", block);
            w.WritePropertyName("content_block");
            AnthropicProtocol.WriteToolUse(w, call, withInput: false);
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
        await _sse.WriteJsonAsync("content_block_delta", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_delta");
            w.WriteNumber("index", block);
            w.WriteStartObject("delta");
            w.WriteString("type", "input_json_delta");
            w.WriteString("partial_json", call.Arguments);
            w.WriteEndObject();
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
        _blockOpen = true;
        await CloseBlockAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask FinishAsync(string finishReason, int promptTokens, int completionTokens, BulwarkInfo? bulwark, Upstreams.UpstreamDetails? details, CancellationToken cancellationToken)
    {
        await CloseBlockAsync(cancellationToken).ConfigureAwait(false);
        await _sse.WriteJsonAsync("message_delta", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "message_delta");
            w.WriteStartObject("delta");
            w.WriteString("stop_reason", AnthropicProtocol.StopReason(finishReason));
            w.WriteNull("stop_sequence");
            w.WriteEndObject();
            if (details is { Wire: "anthropic", Usage: { } usage })
            {
                w.WritePropertyName("usage");
                usage.WriteTo(w);
            }
            else
            {
                w.WriteStartObject("usage");
                w.WriteNumber("output_tokens", completionTokens);
                w.WriteEndObject();
            }
            if (bulwark is not null) JsonOutput.WriteBulwark(w, bulwark);
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
        await _sse.WriteJsonAsync("message_stop", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "message_stop");
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask FailAsync(GatewayError error, BulwarkInfo bulwark, CancellationToken cancellationToken)
    {
        await _sse.WriteJsonAsync("error", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "error");
            w.WriteStartObject("error");
            w.WriteString("type", AnthropicProtocol.ErrorType(error.StatusCode));
            w.WriteString("message", error.Message);
            w.WriteEndObject();
            JsonOutput.WriteBulwark(w, bulwark with { Reason = bulwark.Reason ?? error.Code });
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask CloseBlockAsync(CancellationToken cancellationToken)
    {
        if (!_blockOpen) return;
        _blockOpen = false;
        await _sse.WriteJsonAsync("content_block_stop", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_stop");
            w.WriteNumber("index", _blockIndex);
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
    }
}
