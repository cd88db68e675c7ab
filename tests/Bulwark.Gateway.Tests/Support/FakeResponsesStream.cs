using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Tests.Support;

/// <summary>
/// Answers POST /v1/responses the way the OpenAI Responses API streams (API reference, "Streaming events"): typed
/// server-sent events, each with "event:" and a JSON body whose "type" matches it and whose sequence_number counts
/// from 0: response.created, response.in_progress, the output items (added, their deltas, done) and
/// response.completed or response.incomplete with the final response object and its usage. Written from the
/// published reference, independently of the gateway.
/// </summary>
public sealed class FakeResponsesStream(HttpContext ctx)
{
    public const string Id = "resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b";
    public const string SecretSummary = "Reasoning summary the gateway must not pass unguarded";

    private readonly JsonArray _output = [];
    private int _sequence;

    /// <summary>Send a reasoning item (with a summary) before the answer.</summary>
    public bool Reasoning { get; init; }

    /// <summary>Pause before each delta.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>End as response.incomplete with this reason ("max_output_tokens", "content_filter") instead of completed.</summary>
    public string? IncompleteReason { get; init; }

    /// <summary>The upstream's response object without output and usage: what response.created carries.</summary>
    public static JsonObject Shell(string status) => new()
    {
        ["id"] = Id, ["object"] = "response", ["created_at"] = 1741476542, ["status"] = status, ["background"] = false,
        ["error"] = null, ["incomplete_details"] = null, ["instructions"] = null, ["max_output_tokens"] = null, ["model"] = "gpt-4.1-2025-04-14",
        ["output"] = new JsonArray(), ["parallel_tool_calls"] = true, ["previous_response_id"] = null,
        ["reasoning"] = new JsonObject { ["effort"] = null, ["summary"] = null }, ["service_tier"] = "default", ["store"] = true, ["temperature"] = 1.0,
        ["text"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "text" } }, ["tool_choice"] = "auto", ["tools"] = new JsonArray(),
        ["top_p"] = 1.0, ["truncation"] = "disabled", ["usage"] = null, ["user"] = null, ["metadata"] = new JsonObject { ["trace"] = "t-1" },
    };

    /// <summary>A streamed answer: the text in the given deltas (after a reasoning item when asked).</summary>
    public async Task TextAsync(IEnumerable<string> deltas, bool finish = true)
    {
        await StartAsync();
        await MessageAsync(deltas);
        if (finish) await EndAsync();
    }

    /// <summary>A streamed answer that calls one function, its arguments in the given pieces, after an optional text.</summary>
    public async Task FunctionCallAsync(string callId, string name, IEnumerable<string> argumentPieces, string? text = null)
    {
        await StartAsync();
        if (text is not null) await MessageAsync([text]);
        var index = _output.Count;
        var id = "fc_" + callId;
        await EventAsync("response.output_item.added", new JsonObject
        {
            ["output_index"] = index,
            ["item"] = new JsonObject { ["type"] = "function_call", ["id"] = id, ["call_id"] = callId, ["name"] = name, ["arguments"] = "", ["status"] = "in_progress" },
        });
        var arguments = "";
        foreach (var piece in argumentPieces)
        {
            arguments += piece;
            await EventAsync("response.function_call_arguments.delta", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["delta"] = piece });
        }
        await EventAsync("response.function_call_arguments.done", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["name"] = name, ["arguments"] = arguments });
        var done = new JsonObject { ["type"] = "function_call", ["id"] = id, ["call_id"] = callId, ["name"] = name, ["arguments"] = arguments, ["status"] = "completed" };
        _output.Add(done.DeepClone());
        await EventAsync("response.output_item.done", new JsonObject { ["output_index"] = index, ["item"] = done });
        await EndAsync();
    }

    /// <summary>A stream that fails mid-answer with an "error" event after some text.</summary>
    public async Task ErrorMidStreamAsync(string text)
    {
        await StartAsync();
        await EventAsync("response.output_item.added", new JsonObject { ["output_index"] = 0, ["item"] = MessageItem("in_progress", null) });
        await EventAsync("response.output_text.delta", new JsonObject { ["item_id"] = "msg_fake", ["output_index"] = 0, ["content_index"] = 0, ["delta"] = text, ["logprobs"] = new JsonArray() });
        await EventAsync("error", new JsonObject { ["code"] = "server_error", ["message"] = "The server had an error while processing your request.", ["param"] = null });
    }

    private async Task StartAsync()
    {
        ctx.Response.ContentType = "text/event-stream";
        await EventAsync("response.created", new JsonObject { ["response"] = Shell("in_progress") });
        await EventAsync("response.in_progress", new JsonObject { ["response"] = Shell("in_progress") });
        if (!Reasoning) return;
        var index = _output.Count;
        await EventAsync("response.output_item.added", new JsonObject
        {
            ["output_index"] = index, ["item"] = new JsonObject { ["type"] = "reasoning", ["id"] = "rs_fake", ["summary"] = new JsonArray() },
        });
        await EventAsync("response.reasoning_summary_text.delta", new JsonObject { ["item_id"] = "rs_fake", ["output_index"] = index, ["summary_index"] = 0, ["delta"] = SecretSummary });
        var item = new JsonObject
        {
            ["type"] = "reasoning", ["id"] = "rs_fake", ["encrypted_content"] = "gAAAAB-opaque",
            ["summary"] = new JsonArray(new JsonObject { ["type"] = "summary_text", ["text"] = SecretSummary }),
        };
        _output.Add(item.DeepClone());
        await EventAsync("response.output_item.done", new JsonObject { ["output_index"] = index, ["item"] = item });
    }

    private async Task MessageAsync(IEnumerable<string> deltas)
    {
        var index = _output.Count;
        await EventAsync("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = MessageItem("in_progress", null) });
        await EventAsync("response.content_part.added", new JsonObject
        {
            ["item_id"] = "msg_fake", ["output_index"] = index, ["content_index"] = 0, ["part"] = TextPart(""),
        });
        var text = "";
        foreach (var delta in deltas)
        {
            if (Delay is { } d) await Task.Delay(d, ctx.RequestAborted);
            text += delta;
            await EventAsync("response.output_text.delta", new JsonObject
            {
                ["item_id"] = "msg_fake", ["output_index"] = index, ["content_index"] = 0, ["delta"] = delta, ["logprobs"] = new JsonArray(),
            });
        }
        await EventAsync("response.output_text.done", new JsonObject
        {
            ["item_id"] = "msg_fake", ["output_index"] = index, ["content_index"] = 0, ["text"] = text, ["logprobs"] = new JsonArray(),
        });
        await EventAsync("response.content_part.done", new JsonObject { ["item_id"] = "msg_fake", ["output_index"] = index, ["content_index"] = 0, ["part"] = TextPart(text) });
        var done = MessageItem("completed", text);
        _output.Add(done.DeepClone());
        await EventAsync("response.output_item.done", new JsonObject { ["output_index"] = index, ["item"] = done });
    }

    private async Task EndAsync()
    {
        var final = Shell(IncompleteReason is null ? "completed" : "incomplete");
        if (IncompleteReason is not null) final["incomplete_details"] = new JsonObject { ["reason"] = IncompleteReason };
        final["output"] = _output.DeepClone();
        final["usage"] = new JsonObject
        {
            ["input_tokens"] = 36, ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 12 },
            ["output_tokens"] = 87, ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 64 }, ["total_tokens"] = 123,
        };
        await EventAsync(IncompleteReason is null ? "response.completed" : "response.incomplete", new JsonObject { ["response"] = final });
    }

    private static JsonObject MessageItem(string status, string? text) => new()
    {
        ["id"] = "msg_fake", ["type"] = "message", ["status"] = status, ["role"] = "assistant",
        ["content"] = text is null ? new JsonArray() : new JsonArray(TextPart(text)),
    };

    private static JsonObject TextPart(string text) => new() { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() };

    private async Task EventAsync(string type, JsonObject data)
    {
        var body = new JsonObject { ["type"] = type, ["sequence_number"] = _sequence++ };
        foreach (var (k, v) in data) body[k] = v?.DeepClone();
        await FakeUpstream.Write(ctx, "event: " + type + "\ndata: " + body.ToJsonString() + "\n\n");
    }
}
