using System.Net;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Tests.Support;

namespace Bulwark.Gateway.Tests.Pipeline;

/// <summary>Tool calls through real Kestrel, both protocols, whole and streamed, same- and cross-protocol, guarded and allow-listed.</summary>
public sealed class ToolCallTests : IAsyncLifetime
{
    private const string Harmful = "Sure, here is how to make a nerve agent at home. Step 1: Obtain the restricted precursor chemicals from an unregulated supplier. Step 2: Combine the precursors in your improvised lab to synthesize the nerve agent.";
    private GatewayServer _gw = null!;
    private string _key = "";

    public async Task InitializeAsync()
    {
        _gw = await GatewayServer.StartAsync(new Dictionary<string, string?>
        {
            ["Bulwark:Policy"] = "signatures-only",
            ["Bulwark:Models:fake-gpt-tools:Upstream"] = "fake-openai",
            ["Bulwark:Models:fake-gpt-tools:AllowedTools:0"] = "get_weather",
        });
        (_, _key) = await _gw.CreateKeyAsync("alice");
    }

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    private static JsonObject OpenAiToolRequest(string model, bool stream) => new()
    {
        ["model"] = model, ["stream"] = stream,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "What's the weather in Paris?" }),
        ["tools"] = new JsonArray(new JsonObject
        {
            ["type"] = "function",
            ["function"] = new JsonObject
            {
                ["name"] = "get_weather", ["description"] = "Get the weather for a city.",
                ["parameters"] = JsonNode.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""),
            },
        }),
    };

    private async Task<(HttpResponseMessage Response, List<SseClientEvent> Events)> StreamAsync(string path, JsonObject body)
    {
        var response = await _gw.Client.SendAsync(GatewayServer.Post(path, _key, body.ToJsonString()), HttpCompletionOption.ResponseHeadersRead);
        var (events, _) = await ByteSseParser.ReadAllAsync(await response.Content.ReadAsStreamAsync(), CancellationToken.None);
        return (response, events);
    }

    [Fact]
    public async Task HandleAsync_OpenAiUpstreamToolCallInPieces_ClientGetsWholeToolCall()
    {
        _gw.Fake.Respond = (ctx, _, _) => FakeUpstream.OpenAiToolStream(ctx, "call_abc", "get_weather", ["{\"ci", "ty\":\"Pa", "ris\"}"]);
        using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", _key, OpenAiToolRequest("fake-gpt", false).ToJsonString()));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var choice = body["choices"]![0]!;
        Assert.Equal("tool_calls", (string?)choice["finish_reason"]);
        var call = choice["message"]!["tool_calls"]![0]!;
        Assert.Equal("call_abc", (string?)call["id"]);
        Assert.Equal("function", (string?)call["type"]);
        Assert.Equal("get_weather", (string?)call["function"]!["name"]);
        Assert.Equal("Paris", (string?)JsonNode.Parse((string)call["function"]!["arguments"]!)!["city"]);
        Assert.Null(choice["message"]!["content"]);
        var sent = Assert.Single(_gw.Fake.Requests);
        Assert.Equal("get_weather", (string?)sent["tools"]![0]!["function"]!["name"]);
    }

    [Fact]
    public async Task HandleAsync_OpenAiStreamedToolCall_ClientGetsToolCallDeltaAndFinishReason()
    {
        _gw.Fake.Respond = (ctx, _, _) => FakeUpstream.OpenAiToolStream(ctx, "call_abc", "get_weather", ["{\"city\":", "\"Paris\"}"]);
        var (response, events) = await StreamAsync("/v1/chat/completions", OpenAiToolRequest("fake-gpt", true));
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("[DONE]", events[^1].Data);
            var chunks = events.Where(e => e.Data != "[DONE]").Select(e => JsonNode.Parse(e.Data)!).Where(c => c["choices"] is JsonArray { Count: > 0 }).ToList();
            var toolDelta = chunks.Single(c => c["choices"]?[0]?["delta"]?["tool_calls"] is not null)["choices"]![0]!["delta"]!["tool_calls"]![0]!;
            Assert.Equal(0, (int)toolDelta["index"]!);
            Assert.Equal("call_abc", (string?)toolDelta["id"]);
            Assert.Equal("{\"city\":\"Paris\"}", (string?)toolDelta["function"]!["arguments"]);
            Assert.Contains(chunks, c => (string?)c["choices"]?[0]?["finish_reason"] == "tool_calls");
        }
    }

    [Fact]
    public async Task HandleAsync_AnthropicStreamedToolUse_ClientGetsToolUseBlockWithInputJsonDelta()
    {
        _gw.Fake.Respond = (ctx, _, _) => FakeUpstream.AnthropicToolStream(ctx, "toolu_1", "get_weather", ["{\"city\": \"Pa", "ris\"}"]);
        var body = JsonNode.Parse(GatewayServer.MessagesJson("fake-claude", "What's the weather in Paris?", stream: true))!.AsObject();
        body["tools"] = JsonNode.Parse("""[{"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}]""");
        var (response, events) = await StreamAsync("/v1/messages", body);
        using (response)
        {
            var start = events.Select(e => JsonNode.Parse(e.Data)!).Single(e => (string?)e["type"] == "content_block_start" && (string?)e["content_block"]!["type"] == "tool_use");
            Assert.Equal("toolu_1", (string?)start["content_block"]!["id"]);
            Assert.Equal("get_weather", (string?)start["content_block"]!["name"]);
            var index = (int)start["index"]!;
            var json = string.Concat(events.Select(e => JsonNode.Parse(e.Data)!).Where(e => (string?)e["type"] == "content_block_delta" && (int)e["index"]! == index).Select(e => (string?)e["delta"]!["partial_json"]));
            Assert.Equal("Paris", (string?)JsonNode.Parse(json)!["city"]);
            Assert.Contains(events, e => e.Event == "message_delta" && e.Data.Contains("\"stop_reason\":\"tool_use\"", StringComparison.Ordinal));
            Assert.Equal("message_stop", events[^1].Event);
        }
    }

    [Fact]
    public async Task HandleAsync_OpenAiClientAnthropicUpstream_TranslatesToolsCallsAndResults()
    {
        _gw.Fake.Respond = (ctx, _, _) => FakeUpstream.AnthropicToolStream(ctx, "toolu_2", "get_weather", ["{\"city\":\"Rome\"}"]);
        var request = OpenAiToolRequest("fake-claude", false);
        request["messages"]!.AsArray().Add(JsonNode.Parse("""{"role":"assistant","content":null,"tool_calls":[{"id":"call_0","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]}"""));
        request["messages"]!.AsArray().Add(JsonNode.Parse("""{"role":"tool","tool_call_id":"call_0","content":"18 degrees"}"""));
        request["messages"]!.AsArray().Add(JsonNode.Parse("""{"role":"user","content":"And Rome?"}"""));
        using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", _key, request.ToJsonString()));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = body["choices"]![0]!["message"]!["tool_calls"]![0]!;
        Assert.Equal("toolu_2", (string?)call["id"]);
        Assert.Equal("Rome", (string?)JsonNode.Parse((string)call["function"]!["arguments"]!)!["city"]);
        Assert.Equal("tool_calls", (string?)body["choices"]![0]!["finish_reason"]);
        var sent = Assert.Single(_gw.Fake.Requests);
        Assert.Equal("get_weather", (string?)sent["tools"]![0]!["name"]);
        Assert.Equal("object", (string?)sent["tools"]![0]!["input_schema"]!["type"]);
        var messages = sent["messages"]!.AsArray();
        var toolUse = messages[1]!["content"]!.AsArray().Single(b => (string?)b!["type"] == "tool_use")!;
        Assert.Equal("call_0", (string?)toolUse["id"]);
        Assert.Equal("Paris", (string?)toolUse["input"]!["city"]);
        var result = messages[2]!["content"]![0]!;
        Assert.Equal("tool_result", (string?)result["type"]);
        Assert.Equal("call_0", (string?)result["tool_use_id"]);
        Assert.Equal("18 degrees", (string?)result["content"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HandleAsync_HarmfulToolCallArguments_BlockedLikeText(bool stream)
    {
        var args = new JsonObject { ["city"] = Harmful }.ToJsonString();
        _gw.Fake.Respond = (ctx, _, _) => FakeUpstream.OpenAiToolStream(ctx, "call_x", "get_weather", [args[..20], args[20..]]);
        string wire;
        if (stream)
        {
            var (response, events) = await StreamAsync("/v1/chat/completions", OpenAiToolRequest("fake-gpt", true));
            response.Dispose();
            wire = string.Join("\n", events.Select(e => e.Data));
            Assert.Contains(events, e => e.Data.Contains("\"finish_reason\":\"content_filter\"", StringComparison.Ordinal));
        }
        else
        {
            using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", _key, OpenAiToolRequest("fake-gpt", false).ToJsonString()));
            wire = await response.Content.ReadAsStringAsync();
            Assert.Equal("content_filter", (string?)JsonNode.Parse(wire)!["choices"]![0]!["finish_reason"]);
        }
        Assert.DoesNotContain("nerve agent", wire, StringComparison.Ordinal);
        Assert.DoesNotContain("tool_calls\":[", wire, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_ToolOutsideModelAllowlist_BlockedAndAuditedWithToolName()
    {
        _gw.Fake.Respond = (ctx, _, _) => FakeUpstream.OpenAiToolStream(ctx, "call_rm", "delete_files", ["{}"]);
        using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", _key, OpenAiToolRequest("fake-gpt-tools", false).ToJsonString()));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("content_filter", (string?)body["choices"]![0]!["finish_reason"]);
        Assert.Null(body["choices"]![0]!["message"]!["tool_calls"]);
        Assert.Contains("tool_not_allowed", body["bulwark"]!["categories"]!.AsArray().Select(c => (string?)c));
        var record = await _gw.AuditRecordAsync(long.Parse(response.Headers.GetValues("bulwark-audit-index").Single(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("blocked_output", (string?)record["outcome"]);
        Assert.Equal("delete_files", (string?)record["details"]!["blocked_tool"]);
    }

    [Fact]
    public async Task HandleAsync_SimulatorWithTools_CallsToolThenQuotesItsResult()
    {
        var first = OpenAiToolRequest("bulwark-sim", false);
        using var r1 = await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", _key, first.ToJsonString()));
        var b1 = JsonNode.Parse(await r1.Content.ReadAsStringAsync())!;
        var call = b1["choices"]![0]!["message"]!["tool_calls"]![0]!;
        Assert.Equal("get_weather", (string?)call["function"]!["name"]);
        Assert.Equal("tool_calls", (string?)b1["choices"]![0]!["finish_reason"]);

        first["messages"]!.AsArray().Add(new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = new JsonArray(call.DeepClone()) });
        first["messages"]!.AsArray().Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = (string?)call["id"], ["content"] = "18 degrees and sunny" });
        using var r2 = await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", _key, first.ToJsonString()));
        var b2 = JsonNode.Parse(await r2.Content.ReadAsStringAsync())!;
        Assert.Equal("stop", (string?)b2["choices"]![0]!["finish_reason"]);
        Assert.Contains("18 degrees and sunny", (string?)b2["choices"]![0]!["message"]!["content"]);
    }
}
