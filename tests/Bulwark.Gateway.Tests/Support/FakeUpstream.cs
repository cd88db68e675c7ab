using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Bulwark.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bulwark.Gateway.Tests.Support;

/// <summary>
/// A fake model server on loopback that speaks the exact OpenAI and Anthropic wire protocols (JSON and SSE),
/// written independently of the gateway's own code. Each test scripts what it answers via <see cref="Respond"/>;
/// it records the requests it received.
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeUpstream(WebApplication app, string url)
    {
        _app = app;
        BaseUrl = url;
    }

    public string BaseUrl { get; }

    /// <summary>How to answer; default: a benign streamed answer in the protocol of the route.</summary>
    public Func<HttpContext, string, JsonObject, Task>? Respond { get; set; }

    public List<JsonObject> Requests { get; } = [];

    public List<IHeaderDictionary> RequestHeaders { get; } = [];

    /// <summary>Set when the client (the gateway) aborted the request: the model was stopped.</summary>
    public TaskCompletionSource Aborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<FakeUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = FreePort.Next();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var fake = new FakeUpstream(app, $"http://127.0.0.1:{port}");
        app.MapPost("/v1/chat/completions", ctx => fake.HandleAsync(ctx, "openai"));
        app.MapPost("/v1/messages", ctx => fake.HandleAsync(ctx, "anthropic"));
        app.MapPost("/v1/embeddings", ctx => fake.HandleAsync(ctx, "embeddings"));
        app.MapPost("/v1/responses", ctx => fake.HandleAsync(ctx, "responses"));
        await app.StartAsync();
        return fake;
    }

    private async Task HandleAsync(HttpContext ctx, string protocol)
    {
        var body = (JsonObject)(await JsonNode.ParseAsync(ctx.Request.Body))!;
        lock (Requests)
        {
            Requests.Add(body);
            RequestHeaders.Add(new HeaderDictionary(ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value)));
        }
        ctx.RequestAborted.Register(() => Aborted.TrySetResult());
        string[] tokens = ["Paris ", "is ", "the ", "capital ", "of ", "France."];
        var respond = Respond ?? ((c, p, _) => p switch
        {
            "openai" => OpenAiStream(c, tokens),
            "responses" => new FakeResponsesStream(c).TextAsync(tokens),
            _ => AnthropicStream(c, tokens),
        });
        await respond(ctx, protocol, body);
    }

    /// <summary>Streams OpenAI chat.completion.chunk events, one per token, then [DONE].</summary>
    public static async Task OpenAiStream(HttpContext ctx, IEnumerable<string> tokens, TimeSpan? delay = null, bool finish = true)
    {
        ctx.Response.ContentType = "text/event-stream";
        await Write(ctx, "data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
        foreach (var t in tokens)
        {
            if (delay is { } d) await Task.Delay(d, ctx.RequestAborted);
            var chunk = new JsonObject
            {
                ["id"] = "chatcmpl-fake", ["object"] = "chat.completion.chunk", ["created"] = 1, ["model"] = "fake",
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["content"] = t }, ["finish_reason"] = null }),
            };
            await Write(ctx, "data: " + chunk.ToJsonString() + "\n\n");
        }
        if (!finish) return;
        await Write(ctx, "data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        await Write(ctx, "data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake\",\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":6,\"total_tokens\":13}}\n\n");
        await Write(ctx, "data: [DONE]\n\n");
    }

    /// <summary>Streams Anthropic Messages events (message_start … message_stop), one text_delta per token.</summary>
    public static async Task AnthropicStream(HttpContext ctx, IEnumerable<string> tokens, TimeSpan? delay = null, bool finish = true)
    {
        ctx.Response.ContentType = "text/event-stream";
        await Write(ctx, "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_fake\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"fake\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":9,\"output_tokens\":1}}}\n\n");
        await Write(ctx, "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
        await Write(ctx, "event: ping\ndata: {\"type\": \"ping\"}\n\n");
        foreach (var t in tokens)
        {
            if (delay is { } d) await Task.Delay(d, ctx.RequestAborted);
            var delta = new JsonObject { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = t } };
            await Write(ctx, "event: content_block_delta\ndata: " + delta.ToJsonString() + "\n\n");
        }
        if (!finish) return;
        await Write(ctx, "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
        await Write(ctx, "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":6}}\n\n");
        await Write(ctx, "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }

    /// <summary>
    /// Streams an OpenAI answer with several choices (n), their chunks interleaved token by token as the API sends them:
    /// every chunk names its choice's index; with <paramref name="logprobs"/> each token carries its logprobs.content
    /// entry (token, logprob, bytes, top_logprobs). Each choice ends with its own finish_reason chunk, then usage and [DONE].
    /// </summary>
    public static async Task OpenAiChoicesStream(HttpContext ctx, IReadOnlyList<string[]> choices, bool logprobs)
    {
        ctx.Response.ContentType = "text/event-stream";
        JsonObject Chunk(int index, JsonObject delta, JsonNode? lp, string? finish) => new()
        {
            ["id"] = "chatcmpl-fake", ["object"] = "chat.completion.chunk", ["created"] = 1, ["model"] = "fake", ["system_fingerprint"] = "fp_fake",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = index, ["delta"] = delta, ["logprobs"] = lp, ["finish_reason"] = finish }),
        };
        for (var i = 0; i < choices.Count; i++)
            await Write(ctx, "data: " + Chunk(i, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null, null).ToJsonString() + "\n\n");
        for (var t = 0; t < choices.Max(c => c.Length); t++)
        {
            for (var i = 0; i < choices.Count; i++)
            {
                if (t >= choices[i].Length) continue;
                var token = choices[i][t];
                var lp = logprobs ? new JsonObject { ["content"] = new JsonArray(Logprob(token)), ["refusal"] = null } : null;
                await Write(ctx, "data: " + Chunk(i, new JsonObject { ["content"] = token }, lp, null).ToJsonString() + "\n\n");
            }
        }
        for (var i = 0; i < choices.Count; i++)
            await Write(ctx, "data: " + Chunk(i, [], null, i == 0 ? "stop" : "length").ToJsonString() + "\n\n");
        await Write(ctx, "data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake\",\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":40,\"total_tokens\":47}}\n\n");
        await Write(ctx, "data: [DONE]\n\n");
    }

    /// <summary>One logprobs.content entry as the API writes it.</summary>
    public static JsonObject Logprob(string token) => new()
    {
        ["token"] = token, ["logprob"] = -0.25,
        ["bytes"] = new JsonArray(Encoding.UTF8.GetBytes(token).Select(b => (JsonNode)JsonValue.Create((int)b)).ToArray()),
        ["top_logprobs"] = new JsonArray(),
    };

    /// <summary>Streams an OpenAI answer that calls one tool: id and name first, the arguments in the given pieces, finish_reason "tool_calls".</summary>
    public static async Task OpenAiToolStream(HttpContext ctx, string id, string name, IEnumerable<string> argumentPieces)
    {
        ctx.Response.ContentType = "text/event-stream";
        JsonObject Chunk(JsonObject delta, string? finish) => new()
        {
            ["id"] = "chatcmpl-fake", ["object"] = "chat.completion.chunk", ["created"] = 1, ["model"] = "fake", ["system_fingerprint"] = "fp_fake",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finish }),
        };
        await Write(ctx, "data: " + Chunk(new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = new JsonArray(new JsonObject
        {
            ["index"] = 0, ["id"] = id, ["type"] = "function", ["function"] = new JsonObject { ["name"] = name, ["arguments"] = "" },
        }) }, null).ToJsonString() + "\n\n");
        foreach (var piece in argumentPieces)
        {
            await Write(ctx, "data: " + Chunk(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = piece },
            }) }, null).ToJsonString() + "\n\n");
        }
        await Write(ctx, "data: " + Chunk([], "tool_calls").ToJsonString() + "\n\n");
        await Write(ctx, "data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake\",\"choices\":[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":9,\"total_tokens\":29}}\n\n");
        await Write(ctx, "data: [DONE]\n\n");
    }

    /// <summary>Streams an Anthropic answer with a text block, then a tool_use block whose input arrives as input_json_delta pieces; stop_reason "tool_use".</summary>
    public static async Task AnthropicToolStream(HttpContext ctx, string id, string name, IEnumerable<string> inputPieces)
    {
        ctx.Response.ContentType = "text/event-stream";
        await Write(ctx, "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_fake\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"fake\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":30,\"output_tokens\":1}}}\n\n");
        await Write(ctx, "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
        await Write(ctx, "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Checking.\"}}\n\n");
        await Write(ctx, "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
        var start = new JsonObject { ["type"] = "content_block_start", ["index"] = 1, ["content_block"] = new JsonObject { ["type"] = "tool_use", ["id"] = id, ["name"] = name, ["input"] = new JsonObject() } };
        await Write(ctx, "event: content_block_start\ndata: " + start.ToJsonString() + "\n\n");
        foreach (var piece in inputPieces)
        {
            var delta = new JsonObject { ["type"] = "content_block_delta", ["index"] = 1, ["delta"] = new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = piece } };
            await Write(ctx, "event: content_block_delta\ndata: " + delta.ToJsonString() + "\n\n");
        }
        await Write(ctx, "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n");
        await Write(ctx, "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":12}}\n\n");
        await Write(ctx, "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }

    /// <summary>Answers POST /v1/embeddings (OpenAI API reference): a list of 3-number embeddings, one per input.</summary>
    public static async Task EmbeddingsAnswer(HttpContext ctx, JsonObject body)
    {
        var count = body["input"] is JsonArray inputs ? inputs.Count : 1;
        var data = new JsonArray(Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject
        {
            ["object"] = "embedding", ["index"] = i, ["embedding"] = new JsonArray(0.25, -0.5, i),
        }).ToArray());
        ctx.Response.ContentType = "application/json";
        await Write(ctx, new JsonObject { ["object"] = "list", ["data"] = data, ["model"] = (string?)body["model"], ["usage"] = new JsonObject { ["prompt_tokens"] = 5, ["total_tokens"] = 5 } }.ToJsonString());
    }

    public static async Task Write(HttpContext ctx, string text)
    {
        await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), ctx.RequestAborted);
        await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
