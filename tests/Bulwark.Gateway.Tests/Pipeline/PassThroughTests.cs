using System.Net;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Tests.Support;

namespace Bulwark.Gateway.Tests.Pipeline;

/// <summary>What the gateway does not need to change passes back unchanged: usage with its details, system_fingerprint, service_tier, Anthropic cache counts.</summary>
public sealed class PassThroughTests : IAsyncLifetime
{
    private GatewayServer _gw = null!;
    private string _key = "";

    public async Task InitializeAsync()
    {
        _gw = await GatewayServer.StartAsync(new Dictionary<string, string?> { ["Bulwark:Policy"] = "signatures-only" });
        (_, _key) = await _gw.CreateKeyAsync("alice");
    }

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    private const string OpenAiUsage = """{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15,"prompt_tokens_details":{"cached_tokens":8,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":2,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}""";

    private static async Task OpenAiWithDetails(Microsoft.AspNetCore.Http.HttpContext ctx)
    {
        ctx.Response.ContentType = "text/event-stream";
        await FakeUpstream.Write(ctx, """data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","system_fingerprint":"fp_44709d6fcb","service_tier":"default","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi there."},"logprobs":null,"finish_reason":null}]}""" + "\n\n");
        await FakeUpstream.Write(ctx, """data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","system_fingerprint":"fp_44709d6fcb","service_tier":"default","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}""" + "\n\n");
        await FakeUpstream.Write(ctx, """data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","system_fingerprint":"fp_44709d6fcb","service_tier":"default","choices":[],"usage":""" + OpenAiUsage + "}\n\n");
        await FakeUpstream.Write(ctx, "data: [DONE]\n\n");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OpenAi_UsageDetailsFingerprintAndServiceTier_PassBackUnchanged(bool stream)
    {
        _gw.Fake.Respond = (ctx, _, _) => OpenAiWithDetails(ctx);
        using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", _key, GatewayServer.ChatJson("fake-gpt", "Hello", stream)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonNode final;
        if (stream)
        {
            var (events, _) = await ByteSseParser.ReadAllAsync(await response.Content.ReadAsStreamAsync(), CancellationToken.None);
            final = JsonNode.Parse(events.Last(e => e.Data.Contains("\"usage\"", StringComparison.Ordinal)).Data)!;
        }
        else
        {
            final = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(OpenAiUsage), final["usage"]));
        Assert.Equal("fp_44709d6fcb", (string?)final["system_fingerprint"]);
        Assert.Equal("default", (string?)final["service_tier"]);
    }

    [Fact]
    public async Task Anthropic_CacheUsage_PassesBackUnchanged()
    {
        _gw.Fake.Respond = async (ctx, _, _) =>
        {
            ctx.Response.ContentType = "text/event-stream";
            await FakeUpstream.Write(ctx, "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,\"cache_creation_input_tokens\":100,\"cache_read_input_tokens\":2000,\"output_tokens\":1,\"service_tier\":\"standard\"}}}\n\n");
            await FakeUpstream.Write(ctx, "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
            await FakeUpstream.Write(ctx, "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello.\"}}\n\n");
            await FakeUpstream.Write(ctx, "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
            await FakeUpstream.Write(ctx, "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":4}}\n\n");
            await FakeUpstream.Write(ctx, "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        };
        using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/messages", _key, GatewayServer.MessagesJson("fake-claude", "Hello")));
        var usage = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["usage"]!;

        Assert.Equal(2000, (int)usage["cache_read_input_tokens"]!);
        Assert.Equal(100, (int)usage["cache_creation_input_tokens"]!);
        Assert.Equal(25, (int)usage["input_tokens"]!);
        Assert.Equal(4, (int)usage["output_tokens"]!);
        Assert.Equal("standard", (string?)usage["service_tier"]);
    }
}
