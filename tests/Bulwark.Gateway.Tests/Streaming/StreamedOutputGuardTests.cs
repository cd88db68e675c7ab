using System.Net;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Tests.Support;

namespace Bulwark.Gateway.Tests.Streaming;

/// <summary>
/// The streamed output guard over real SSE: a harmful phrase arrives in the middle of a stream from the fake
/// upstream; the client, reading the response byte by byte, must receive none of it, and the stream must end in
/// the protocol's own form.
/// </summary>
public sealed class StreamedOutputGuardTests : IAsyncLifetime
{
    private static readonly string[] BenignStart =
        SplitWords("Here is a short overview of the chemistry topic you asked about, written for a general audience. It starts with some history. ");

    private static readonly string[] Harmful =
        SplitWords("Step 1: Obtain the restricted precursor chemicals to synthesize the nerve agent in your improvised lab. ");

    private static readonly string[] BenignEnd = SplitWords("That is all for today, thank you for reading this overview.");

    /// <summary>A model that keeps talking after the harmful phrase (about 12 s at 5 ms a token): the gateway must stop it.</summary>
    private static readonly string[] LongTail = Enumerable.Repeat(BenignEnd, 200).SelectMany(w => w).ToArray();

    private GatewayServer _gw = null!;
    private string _key = "";

    public async Task InitializeAsync()
    {
        _gw = await GatewayServer.StartAsync();
        (_, _key) = await _gw.CreateKeyAsync("carol");
    }

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    private static string[] SplitWords(string s) => s.Split(' ').Select((w, i) => w + " ").ToArray();

    [Fact]
    public async Task OpenAiStream_HarmfulPhraseMidStream_ClientReceivesNoneAndStreamEndsWithContentFilter()
    {
        _gw.Fake.Respond = (ctx, _, _) => FakeUpstream.OpenAiStream(ctx, [.. BenignStart, .. Harmful, .. LongTail], TimeSpan.FromMilliseconds(5));
        using var request = GatewayServer.Post("/v1/chat/completions", _key, GatewayServer.ChatJson("fake-gpt", "Tell me about chemistry", stream: true));
        using var response = await _gw.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("bulwark-audit-index"));

        var (events, raw) = await ByteSseParser.ReadAllAsync(await response.Content.ReadAsStreamAsync(), CancellationToken.None);

        Assert.DoesNotContain("precursor", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("nerve agent", raw, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events.Take(events.Count - 1).Select(e => JsonNode.Parse(e.Data)!).ToList();
        var finish = chunks.Where(c => c["choices"]!.AsArray().Count > 0).Select(c => (string?)c["choices"]![0]!["finish_reason"]).Last(f => f is not null);
        Assert.Equal("content_filter", finish);
        var text = string.Concat(chunks.Where(c => c["choices"]!.AsArray().Count > 0).Select(c => (string?)c["choices"]![0]!["delta"]!["content"] ?? ""));
        Assert.StartsWith("Here is a short overview", text);
        Assert.DoesNotContain("That is all for today", text);

        // The model was stopped: the gateway aborted its upstream request.
        await _gw.Fake.Aborted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var end = chunks.Last(c => c["bulwark"] is not null)["bulwark"]!;
        var record = await _gw.AuditRecordAsync((long)end["audit_index"]!);
        Assert.Equal("stream_end", (string?)record["kind"]);
        Assert.Equal("blocked_output", (string?)record["outcome"]);
    }

    [Fact]
    public async Task AnthropicStream_HarmfulPhraseMidStream_ClientReceivesNoneAndStreamEndsWithRefusal()
    {
        _gw.Fake.Respond = (ctx, _, _) => FakeUpstream.AnthropicStream(ctx, [.. BenignStart, .. Harmful, .. BenignEnd], TimeSpan.FromMilliseconds(5));
        using var request = GatewayServer.Post("/v1/messages", _key, GatewayServer.MessagesJson("fake-claude", "Tell me about chemistry", stream: true));
        using var response = await _gw.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var (events, raw) = await ByteSseParser.ReadAllAsync(await response.Content.ReadAsStreamAsync(), CancellationToken.None);

        Assert.DoesNotContain("precursor", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("nerve agent", raw, StringComparison.OrdinalIgnoreCase);
        var types = events.Select(e => e.Event).ToList();
        Assert.Equal("message_start", types[0]);
        Assert.Equal("content_block_start", types[1]);
        Assert.Equal(["content_block_stop", "message_delta", "message_stop"], types.TakeLast(3));
        var delta = JsonNode.Parse(events.Single(e => e.Event == "message_delta").Data)!;
        Assert.Equal("refusal", (string?)delta["delta"]!["stop_reason"]);
        Assert.NotNull(delta["bulwark"]!["audit_index"]);
        foreach (var e in events) Assert.Equal(e.Event, (string?)JsonNode.Parse(e.Data)!["type"]);
    }

    [Fact]
    public async Task OpenAiStream_BenignAnswer_ArrivesWholeAndEndsWithStopAndDone()
    {
        using var request = GatewayServer.Post("/v1/chat/completions", _key, GatewayServer.ChatJson("fake-gpt", "Capital of France?", stream: true));
        using var response = await _gw.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var (events, _) = await ByteSseParser.ReadAllAsync(await response.Content.ReadAsStreamAsync(), CancellationToken.None);

        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events.Take(events.Count - 1).Select(e => JsonNode.Parse(e.Data)!).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", (string?)c["object"]));
        var text = string.Concat(chunks.Where(c => c["choices"]!.AsArray().Count > 0).Select(c => (string?)c["choices"]![0]!["delta"]!["content"] ?? ""));
        Assert.Equal("Paris is the capital of France.", text);
        Assert.Equal("stop", chunks.Where(c => c["choices"]!.AsArray().Count > 0).Select(c => (string?)c["choices"]![0]!["finish_reason"]).Last(f => f is not null));
        Assert.Equal(13, (int?)chunks.Last()["usage"]!["total_tokens"]);
    }

    [Fact]
    public async Task SimulatedStream_HarmfulTrigger_IsCutOffBeforeAnyHarmfulText()
    {
        using var request = GatewayServer.Post("/v1/chat/completions", _key, GatewayServer.ChatJson("bulwark-sim", "Write a story about a cat [[simulate:harmful]]", stream: true));
        using var response = await _gw.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var (events, raw) = await ByteSseParser.ReadAllAsync(await response.Content.ReadAsStreamAsync(), CancellationToken.None);

        Assert.DoesNotContain("nerve agent", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("precursor", raw, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"finish_reason\":\"content_filter\"", raw);
        Assert.Equal("[DONE]", events[^1].Data);
    }

    [Fact]
    public async Task OpenAiStream_UpstreamClosesMidStream_EndsWithErrorEventAndDone()
    {
        _gw.Fake.Respond = (ctx, _, _) => FakeUpstream.OpenAiStream(ctx, SplitWords("This answer will be cut short by the upstream closing its connection right here without finishing properly at all"), finish: false);
        using var request = GatewayServer.Post("/v1/chat/completions", _key, GatewayServer.ChatJson("fake-gpt", "hi", stream: true));
        using var response = await _gw.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var (events, _) = await ByteSseParser.ReadAllAsync(await response.Content.ReadAsStreamAsync(), CancellationToken.None);

        Assert.Equal("[DONE]", events[^1].Data);
        var error = JsonNode.Parse(events[^2].Data)!["error"]!;
        Assert.Equal("upstream_closed", (string?)error["code"]);
        Assert.NotNull(error["bulwark"]!["audit_index"]);
    }

    [Fact]
    public async Task AnthropicStream_UpstreamSilent_EndsWithErrorEventAfterIdleTimeout()
    {
        _gw.Fake.Respond = async (ctx, _, _) =>
        {
            await FakeUpstream.AnthropicStream(ctx, ["Hello "], finish: false);
            await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted);
        };
        using var request = GatewayServer.Post("/v1/messages", _key, GatewayServer.MessagesJson("fake-claude", "hi", stream: true));
        using var response = await _gw.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var (events, _) = await ByteSseParser.ReadAllAsync(await response.Content.ReadAsStreamAsync(), CancellationToken.None);

        Assert.Equal("error", events[^1].Event);
        var data = JsonNode.Parse(events[^1].Data)!;
        Assert.Equal("upstream_timeout", (string?)data["bulwark"]!["reason"]);
    }

    [Fact]
    public async Task Stream_ClientDisconnectsMidStream_IsAuditedAsClientClosedAndUpstreamStopped()
    {
        _gw.Fake.Respond = (ctx, _, _) => FakeUpstream.OpenAiStream(ctx, Enumerable.Repeat(SplitWords("The weather today is mild and sunny, with a light breeze from the west. "), 2000).SelectMany(w => w), TimeSpan.FromMilliseconds(5));
        var before = await _gw.AuditSizeAsync();
        // A client that hangs up like curl does: a raw socket that sends the request, reads the first bytes and closes.
        var uri = new Uri(_gw.BaseUrl);
        var body = GatewayServer.ChatJson("fake-gpt", "Describe the weather in Lisbon today.", stream: true);
        using (var tcp = new System.Net.Sockets.TcpClient())
        {
            await tcp.ConnectAsync(uri.Host, uri.Port);
            var net = tcp.GetStream();
            var head = $"POST /v1/chat/completions HTTP/1.1\r\nHost: {uri.Authority}\r\nAuthorization: Bearer {_key}\r\nContent-Type: application/json\r\nContent-Length: {System.Text.Encoding.UTF8.GetByteCount(body)}\r\n\r\n";
            await net.WriteAsync(System.Text.Encoding.UTF8.GetBytes(head + body));
            var seen = new System.Text.StringBuilder();
            var buffer = new byte[4096];
            while (!seen.ToString().Contains("weather", StringComparison.Ordinal))
            {
                var read = await net.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
                Assert.True(read > 0, "the gateway closed the stream before any answer text");
                seen.Append(System.Text.Encoding.UTF8.GetString(buffer, 0, read));
                Assert.StartsWith("HTTP/1.1 200", seen.ToString());
            }
            tcp.Client.Close(0); // hang up mid-stream
        }

        JsonObject? end = null;
        for (var i = 0; i < 600 && end is null; i++)
        {
            var size = await _gw.AuditSizeAsync();
            for (var idx = before; idx < size; idx++)
            {
                var r = await _gw.AuditRecordAsync(idx);
                if ((string?)r["kind"] == "stream_end") end = r;
            }
            if (end is null) await Task.Delay(100);
        }
        Assert.NotNull(end);
        Assert.Equal("client_closed", (string?)end!["outcome"]);
        // The model was stopped too: the gateway closed its upstream request.
        await _gw.Fake.Aborted.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
