using System.Text.Json;
using Bulwark.Gateway.Protocols.Tools;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Protocols.Anthropic;

/// <summary>
/// Messages API streaming events: message_start, then content blocks in order (thinking blocks with thinking_delta
/// and signature_delta, a redacted_thinking block whole, the text block, tool_use blocks), each content_block_start …
/// content_block_stop, a ping after the first block's start, then message_delta (stop_reason "refusal" when the
/// output guard blocked; the upstream's usage and stop_sequence when it speaks this protocol) and message_stop.
/// A block opens when its first piece is released, so held-back thinking never leaves an empty block behind.
/// </summary>
internal sealed class AnthropicStreamWriter(HttpResponse response, string model, string id) : IClientStreamWriter, IThinkingStreamWriter
{
    private const string Text = "text";
    private const string Thinking = "thinking";
    private const string ContentBlockDelta = "content_block_delta";

    private readonly SseWriter _sse = new(response);
    private string? _open;
    private int _blockIndex = -1;
    private int _promptTokens;

    public async ValueTask StartAsync(int promptTokens, CancellationToken cancellationToken)
    {
        _promptTokens = promptTokens;
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
            w.WriteNumber("input_tokens", _promptTokens);
            w.WriteNumber("output_tokens", 0);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteTextAsync(string text, CancellationToken cancellationToken)
    {
        if (_open != Text) await OpenAsync(Text, w => { w.WriteString("type", Text); w.WriteString(Text, ""); }, cancellationToken).ConfigureAwait(false);
        await DeltaAsync("text_delta", Text, text, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteThinkingAsync(string text, CancellationToken cancellationToken)
    {
        if (_open != Thinking) await OpenThinkingAsync(cancellationToken).ConfigureAwait(false);
        await DeltaAsync("thinking_delta", Thinking, text, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteThinkingSignatureAsync(string signature, CancellationToken cancellationToken)
    {
        if (_open != Thinking) await OpenThinkingAsync(cancellationToken).ConfigureAwait(false);
        await DeltaAsync("signature_delta", "signature", signature, cancellationToken).ConfigureAwait(false);
        await CloseBlockAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteRedactedThinkingAsync(string data, CancellationToken cancellationToken)
    {
        await OpenAsync("redacted_thinking", w => { w.WriteString("type", "redacted_thinking"); w.WriteString("data", data); }, cancellationToken).ConfigureAwait(false);
        await CloseBlockAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteToolCallAsync(int index, ToolCall call, CancellationToken cancellationToken)
    {
        await OpenAsync("tool_use", w =>
        {
            w.WriteString("type", "tool_use");
            w.WriteString("id", call.Id);
            w.WriteString("name", call.Name);
            w.WriteStartObject("input");
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
        await DeltaAsync("input_json_delta", "partial_json", call.Arguments, cancellationToken).ConfigureAwait(false);
        await CloseBlockAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask FinishAsync(string finishReason, int promptTokens, int completionTokens, BulwarkInfo? bulwark, Upstreams.UpstreamDetails? details, CancellationToken cancellationToken)
    {
        // A message has at least one content block: an answer with nothing released ends with an empty text block.
        if (_blockIndex < 0) await OpenAsync(Text, w => { w.WriteString("type", Text); w.WriteString(Text, ""); }, cancellationToken).ConfigureAwait(false);
        await CloseBlockAsync(cancellationToken).ConfigureAwait(false);
        await _sse.WriteJsonAsync("message_delta", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "message_delta");
            w.WriteStartObject("delta");
            w.WriteString("stop_reason", AnthropicProtocol.StopReason(finishReason, details));
            AnthropicProtocol.WriteStopSequence(w, details);
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

    private ValueTask OpenThinkingAsync(CancellationToken cancellationToken) =>
        OpenAsync(Thinking, w => { w.WriteString("type", Thinking); w.WriteString(Thinking, ""); w.WriteString("signature", ""); }, cancellationToken);

    /// <summary>Closes the open block and starts the next; the first block's start is followed by a ping, as the API does.</summary>
    private async ValueTask OpenAsync(string type, Action<Utf8JsonWriter> block, CancellationToken cancellationToken)
    {
        await CloseBlockAsync(cancellationToken).ConfigureAwait(false);
        var index = ++_blockIndex;
        await _sse.WriteJsonAsync("content_block_start", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_start");
            w.WriteNumber("index", index);
            w.WriteStartObject("content_block");
            block(w);
            w.WriteEndObject();
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
        _open = type;
        if (index == 0)
        {
            await _sse.WriteJsonAsync("ping", w =>
            {
                w.WriteStartObject();
                w.WriteString("type", "ping");
                w.WriteEndObject();
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask DeltaAsync(string type, string field, string value, CancellationToken cancellationToken) =>
        await _sse.WriteJsonAsync(ContentBlockDelta, w =>
        {
            w.WriteStartObject();
            w.WriteString("type", ContentBlockDelta);
            w.WriteNumber("index", _blockIndex);
            w.WriteStartObject("delta");
            w.WriteString("type", type);
            w.WriteString(field, value);
            w.WriteEndObject();
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);

    private async ValueTask CloseBlockAsync(CancellationToken cancellationToken)
    {
        if (_open is null) return;
        _open = null;
        await _sse.WriteJsonAsync("content_block_stop", w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_stop");
            w.WriteNumber("index", _blockIndex);
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
    }
}
