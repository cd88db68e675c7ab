using System.Net;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Tests.Pipeline;

/// <summary>
/// Anthropic extended thinking through the gateway, same protocol, whole and streamed: thinking and redacted_thinking
/// blocks pass back with their signature and data unchanged, the stop_sequence that ended the answer too; thinking is
/// model output, so harmful thinking is halted like harmful text; thinking sent back in an assistant turn is forwarded.
/// </summary>
public sealed class ThinkingPassBackTests : IAsyncLifetime
{
    private const string Signature = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds";
    private const string Redacted = "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP";
    private static readonly string[] CalmThinking = ["The user asks about Paris. ", "It is the capital of France, ", "so I answer briefly."];
    private static readonly string[] HarmfulThinking = ["They want details. ", "Step 1: Obtain the restricted precursor chemicals ", "to synthesize the nerve agent in your improvised lab."];

    private GatewayServer _gw = null!;
    private string _key = "";

    public async Task InitializeAsync()
    {
        _gw = await GatewayServer.StartAsync();
        (_, _key) = await _gw.CreateKeyAsync("tess");
    }

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    /// <summary>A Messages stream as the API sends it with thinking on: a thinking block (thinking_delta…, signature_delta), a redacted_thinking block, a text block, stop_reason "stop_sequence".</summary>
    private static async Task ThinkingStream(HttpContext ctx, string[] thinking)
    {
        ctx.Response.ContentType = "text/event-stream";
        async Task Event(string type, JsonObject data) => await FakeUpstream.Write(ctx, $"event: {type}\ndata: {data.ToJsonString()}\n\n");
        await FakeUpstream.Write(ctx, "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_t\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":40,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":12,\"output_tokens\":1}}}\n\n");
        await Event("content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = 0, ["content_block"] = new JsonObject { ["type"] = "thinking", ["thinking"] = "", ["signature"] = "" } });
        foreach (var piece in thinking)
            await Event("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "thinking_delta", ["thinking"] = piece } });
        await Event("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "signature_delta", ["signature"] = Signature } });
        await Event("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 });
        await Event("content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = 1, ["content_block"] = new JsonObject { ["type"] = "redacted_thinking", ["data"] = Redacted } });
        await Event("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = 1 });
        await Event("content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = 2, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" } });
        await Event("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = 2, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = "Paris is the capital of France." } });
        await Event("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = 2 });
        await FakeUpstream.Write(ctx, "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"END\"},\"usage\":{\"output_tokens\":57}}\n\n");
        await FakeUpstream.Write(ctx, "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }

    /// <summary>The answer as the client got it: content blocks rebuilt (from the stream's events when streamed), stop_reason, stop_sequence, raw text.</summary>
    private async Task<(JsonArray Content, string? StopReason, string? StopSequence, JsonNode? Usage, string Raw)> AskAsync(bool stream, JsonObject? body = null)
    {
        body ??= (JsonObject)JsonNode.Parse(GatewayServer.MessagesJson("fake-claude", "What is the capital of France?", stream))!;
        body["thinking"] = new JsonObject { ["type"] = "enabled", ["budget_tokens"] = 1024 };
        using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/messages", _key, body.ToJsonString()), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (!stream)
        {
            var raw = await response.Content.ReadAsStringAsync();
            var message = JsonNode.Parse(raw)!;
            return (message["content"]!.AsArray(), (string?)message["stop_reason"], (string?)message["stop_sequence"], message["usage"], raw);
        }
        var (events, sse) = await ByteSseParser.ReadAllAsync(await response.Content.ReadAsStreamAsync(), CancellationToken.None);
        var content = new JsonArray();
        string? stopReason = null, stopSequence = null;
        JsonNode? usage = null;
        foreach (var e in events)
        {
            var data = JsonNode.Parse(e.Data)!;
            Assert.Equal(e.Event, (string?)data["type"]);
            switch (e.Event)
            {
                case "content_block_start":
                    Assert.Equal(content.Count, (int)data["index"]!);
                    content.Add(data["content_block"]!.DeepClone());
                    break;
                case "content_block_delta":
                    var block = content[(int)data["index"]!]!;
                    var delta = data["delta"]!;
                    switch ((string?)delta["type"])
                    {
                        case "thinking_delta": block["thinking"] = (string?)block["thinking"] + (string?)delta["thinking"]; break;
                        case "signature_delta": block["signature"] = (string?)delta["signature"]; break;
                        case "text_delta": block["text"] = (string?)block["text"] + (string?)delta["text"]; break;
                    }
                    break;
                case "message_delta":
                    stopReason = (string?)data["delta"]!["stop_reason"];
                    stopSequence = (string?)data["delta"]!["stop_sequence"];
                    usage = data["usage"];
                    break;
            }
        }
        Assert.Equal("message_stop", events[^1].Event);
        return (content, stopReason, stopSequence, usage, sse);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Messages_ThinkingAndStopSequence_PassBackUnchanged(bool stream)
    {
        _gw.Fake.Respond = (ctx, _, _) => ThinkingStream(ctx, CalmThinking);

        var (content, stopReason, stopSequence, usage, _) = await AskAsync(stream);

        Assert.Equal(["thinking", "redacted_thinking", "text"], content.Select(b => (string?)b!["type"]));
        Assert.Equal(string.Concat(CalmThinking), (string?)content[0]!["thinking"]);
        Assert.Equal(Signature, (string?)content[0]!["signature"]);
        Assert.Equal(Redacted, (string?)content[1]!["data"]);
        Assert.Equal("Paris is the capital of France.", (string?)content[2]!["text"]);
        Assert.Equal("stop_sequence", stopReason);
        Assert.Equal("END", stopSequence);
        Assert.Equal(12, (int)usage!["cache_read_input_tokens"]!);
        Assert.Equal(57, (int)usage["output_tokens"]!);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Messages_HarmfulThinking_IsHaltedAndNeverReleased(bool stream)
    {
        _gw.Fake.Respond = (ctx, _, _) => ThinkingStream(ctx, HarmfulThinking);

        var (content, stopReason, _, _, raw) = await AskAsync(stream);

        Assert.DoesNotContain("precursor", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("nerve agent", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Signature, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Paris is the capital", raw, StringComparison.Ordinal);
        Assert.Equal("refusal", stopReason);
        Assert.DoesNotContain(content, b => (string?)b!["type"] == "text" && ((string?)b["text"])!.Length > 0);
    }

    [Fact]
    public async Task Messages_ThinkingSentBackInAssistantTurn_IsForwardedUnchanged()
    {
        _gw.Fake.Respond = (ctx, _, _) => ThinkingStream(ctx, CalmThinking);
        var assistant = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = new JsonArray(
                new JsonObject { ["type"] = "thinking", ["thinking"] = "The user wants the weather, so I call the tool.", ["signature"] = Signature },
                new JsonObject { ["type"] = "redacted_thinking", ["data"] = Redacted },
                new JsonObject { ["type"] = "tool_use", ["id"] = "toolu_1", ["name"] = "get_weather", ["input"] = new JsonObject { ["city"] = "Paris" } }),
        };
        var body = new JsonObject
        {
            ["model"] = "fake-claude", ["max_tokens"] = 2048,
            ["tools"] = new JsonArray(new JsonObject { ["name"] = "get_weather", ["description"] = "Weather for a city.", ["input_schema"] = new JsonObject { ["type"] = "object" } }),
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = "Weather in Paris?" },
                assistant,
                new JsonObject { ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = "toolu_1", ["content"] = "18 degrees" }) }),
        };

        var (content, _, _, _, _) = await AskAsync(stream: false, body);

        Assert.Equal("text", (string?)content[^1]!["type"]);
        var forwarded = Assert.Single(_gw.Fake.Requests);
        Assert.True(JsonNode.DeepEquals(assistant, forwarded["messages"]![1]));
    }
}
