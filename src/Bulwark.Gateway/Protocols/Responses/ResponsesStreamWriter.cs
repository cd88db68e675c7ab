using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Protocols.Tools;
using Bulwark.Gateway.Upstreams;
using Bulwark.Gateway.Upstreams.Http;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Protocols.Responses;

/// <summary>
/// The Responses API's typed stream events: response.created and response.in_progress; for released text an
/// output_item.added (message), content_part.added, output_text.delta events, then output_text.done,
/// content_part.done and output_item.done; each tool call as an output_item.added / function_call_arguments.delta /
/// function_call_arguments.done / output_item.done group; then response.completed, or response.incomplete with
/// incomplete_details.reason "content_filter" when the output guards halted the answer. Every event has a
/// sequence_number. An upstream failure ends with an "error" event.
/// response.created is written when the upstream's first event arrives: from a Responses upstream it is the
/// upstream's created response (its id and settings), and its reasoning items are passed back as they finish.
/// </summary>
internal sealed class ResponsesStreamWriter(HttpResponse response, ResponseObject shape) : IClientStreamWriter, IUpstreamEventObserver
{
    private const string ItemId = "item_id";
    private const string OutputIndex = "output_index";
    private const string ContentIndex = "content_index";
    private readonly SseWriter _sse = new(response);
    private readonly StringBuilder _text = new();
    private readonly List<ToolCall> _calls = [];
    private int _sequence;
    private int _outputs;
    private int? _messageIndex;
    private bool _messageOpen;
    private bool _started;
    private ResponseObject _shape = shape;

    public ValueTask StartAsync(int promptTokens, CancellationToken cancellationToken)
    {
        _sse.Begin();
        return ValueTask.CompletedTask;
    }

    public async ValueTask ObserveAsync(UpstreamEvent upstreamEvent, CancellationToken cancellationToken)
    {
        if (upstreamEvent is UpstreamResponseEvent { Type: ResponsesWire.Created } created && !_started) _shape = _shape.Adopt(created.Data);
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        if (upstreamEvent is UpstreamResponseEvent { Type: ResponsesWire.OutputItemDone } done && JsonFields.StringOrNull(done.Data["type"]) == ResponsesWire.Reasoning)
        {
            var output = _outputs++;
            var item = ResponseObject.Reasoning(done.Data);
            await EventAsync("response.output_item.added", w => Item(w, output, item), cancellationToken).ConfigureAwait(false);
            await EventAsync("response.output_item.done", w => Item(w, output, item), cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask EnsureStartedAsync(CancellationToken cancellationToken)
    {
        if (_started) return;
        _started = true;
        await EventAsync("response.created", w => Response(w, null, 0, 0, null, null), cancellationToken).ConfigureAwait(false);
        await EventAsync("response.in_progress", w => Response(w, null, 0, 0, null, null), cancellationToken).ConfigureAwait(false);
    }

    private static void Item(Utf8JsonWriter w, int output, JsonObject item)
    {
        w.WriteNumber(OutputIndex, output);
        w.WritePropertyName("item");
        item.WriteTo(w);
    }

    public async ValueTask WriteTextAsync(string text, CancellationToken cancellationToken)
    {
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        if (_messageIndex is null)
        {
            _messageIndex = _outputs++;
            _messageOpen = true;
            await EventAsync("response.output_item.added", w =>
            {
                w.WriteNumber(OutputIndex, _messageIndex.Value);
                w.WritePropertyName("item");
                _shape.WriteMessage(w, "", ResponseObject.InProgress);
            }, cancellationToken).ConfigureAwait(false);
            await EventAsync("response.content_part.added", w =>
            {
                PartHeader(w);
                w.WritePropertyName("part");
                ResponseObject.WriteTextPart(w, "");
            }, cancellationToken).ConfigureAwait(false);
        }
        _text.Append(text);
        await EventAsync("response.output_text.delta", w =>
        {
            PartHeader(w);
            w.WriteString("delta", text);
            w.WriteStartArray("logprobs");
            w.WriteEndArray();
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteToolCallAsync(int index, ToolCall call, CancellationToken cancellationToken)
    {
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        await CloseMessageAsync("completed", cancellationToken).ConfigureAwait(false);
        var output = _outputs++;
        _calls.Add(call);
        await EventAsync("response.output_item.added", w =>
        {
            w.WriteNumber(OutputIndex, output);
            w.WritePropertyName("item");
            ResponseObject.WriteCall(w, call, ResponseObject.InProgress);
        }, cancellationToken).ConfigureAwait(false);
        await EventAsync("response.function_call_arguments.delta", w =>
        {
            w.WriteString(ItemId, ResponseObject.CallItemId(call));
            w.WriteNumber(OutputIndex, output);
            w.WriteString("delta", call.Arguments);
        }, cancellationToken).ConfigureAwait(false);
        await EventAsync("response.function_call_arguments.done", w =>
        {
            w.WriteString(ItemId, ResponseObject.CallItemId(call));
            w.WriteNumber(OutputIndex, output);
            w.WriteString("name", call.Name);
            w.WriteString("arguments", call.Arguments);
        }, cancellationToken).ConfigureAwait(false);
        await EventAsync("response.output_item.done", w =>
        {
            w.WriteNumber(OutputIndex, output);
            w.WritePropertyName("item");
            ResponseObject.WriteCall(w, call, "completed");
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask FinishAsync(string finishReason, int promptTokens, int completionTokens, BulwarkInfo? bulwark, Upstreams.UpstreamDetails? details, CancellationToken cancellationToken)
    {
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        var status = ResponseObject.StatusOf(finishReason);
        await CloseMessageAsync(status, cancellationToken).ConfigureAwait(false);
        await EventAsync(status == "completed" ? "response.completed" : "response.incomplete",
            w => Response(w, finishReason, promptTokens, completionTokens, bulwark, details), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask FailAsync(GatewayError error, BulwarkInfo bulwark, CancellationToken cancellationToken)
    {
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        await EventAsync("error", w =>
        {
            w.WriteString("code", error.Code);
            w.WriteString("message", error.Message);
            if (error.Param is null) w.WriteNull("param");
            else w.WriteString("param", error.Param);
            JsonOutput.WriteBulwark(w, bulwark);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask CloseMessageAsync(string status, CancellationToken cancellationToken)
    {
        if (!_messageOpen) return;
        _messageOpen = false;
        var text = _text.ToString();
        await EventAsync("response.output_text.done", w =>
        {
            PartHeader(w);
            w.WriteString("text", text);
            w.WriteStartArray("logprobs");
            w.WriteEndArray();
        }, cancellationToken).ConfigureAwait(false);
        await EventAsync("response.content_part.done", w =>
        {
            PartHeader(w);
            w.WritePropertyName("part");
            ResponseObject.WriteTextPart(w, text);
        }, cancellationToken).ConfigureAwait(false);
        await EventAsync("response.output_item.done", w =>
        {
            w.WriteNumber(OutputIndex, _messageIndex!.Value);
            w.WritePropertyName("item");
            _shape.WriteMessage(w, text, status == "incomplete" ? "incomplete" : "completed");
        }, cancellationToken).ConfigureAwait(false);
    }

    private void Response(Utf8JsonWriter w, string? finishReason, int promptTokens, int completionTokens, BulwarkInfo? bulwark, Upstreams.UpstreamDetails? details)
    {
        w.WritePropertyName("response");
        _shape.Write(w, finishReason, _text.ToString(), _calls, promptTokens, completionTokens, details, bulwark);
    }

    private void PartHeader(Utf8JsonWriter w)
    {
        w.WriteString(ItemId, _shape.MessageId);
        w.WriteNumber(OutputIndex, _messageIndex!.Value);
        w.WriteNumber(ContentIndex, 0);
    }

    private ValueTask<System.IO.Pipelines.FlushResult> EventAsync(string type, Action<Utf8JsonWriter> body, CancellationToken cancellationToken)
    {
        var sequence = _sequence++;
        return _sse.WriteJsonAsync(type, w =>
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteNumber("sequence_number", sequence);
            body(w);
            w.WriteEndObject();
        }, cancellationToken);
    }
}
