using System.Net;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Tests.Support;
using Bulwark.Testing;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Tests.Upstreams;

/// <summary>Upstream errors keep their meaning (status, type, code, message, rate-limit headers); retries and fallbacks, through real Kestrel.</summary>
public sealed class UpstreamErrorTests : IAsyncLifetime
{
    private GatewayServer _gw = null!;
    private string _key = "";

    public async Task InitializeAsync()
    {
        var deadPort = FreePort.Next(); // nothing listens here: connection refused
        _gw = await GatewayServer.StartAsync(new Dictionary<string, string?>
        {
            ["Bulwark:Policy"] = "signatures-only",
            ["Bulwark:Upstreams:dead:Kind"] = "openai",
            ["Bulwark:Upstreams:dead:BaseUrl"] = $"http://127.0.0.1:{deadPort}/v1",
            ["Bulwark:Upstreams:dead:Timeout"] = "00:00:05",
            ["Bulwark:Models:fake-gpt-fb:Upstream"] = "dead",
            ["Bulwark:Models:fake-gpt-fb:Fallbacks:0"] = "fake-openai:gpt-fallback",
        });
        (_, _key) = await _gw.CreateKeyAsync("alice");
    }

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    private static Task OpenAiError(HttpContext ctx, int status, string type, string code, string message, params (string Name, string Value)[] headers)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        foreach (var (name, value) in headers) ctx.Response.Headers[name] = value;
        return ctx.Response.WriteAsync(new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = "messages", ["code"] = code },
        }.ToJsonString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Upstream400_KeepsStatusTypeCodeAndMessage(bool stream)
    {
        _gw.Fake.Respond = (ctx, _, _) => OpenAiError(ctx, 400, "invalid_request_error", "context_length_exceeded", "This model's maximum context length is 128000 tokens.");
        using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", _key, GatewayServer.ChatJson("fake-gpt", "Hello there", stream)));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", (string?)body["error"]!["type"]);
        Assert.Equal("context_length_exceeded", (string?)body["error"]!["code"]);
        Assert.Equal("This model's maximum context length is 128000 tokens.", (string?)body["error"]!["message"]);
        Assert.Single(_gw.Fake.Requests); // a 400 is not retried
    }

    [Fact]
    public async Task Upstream429_RetriedThenPassedOnWithRetryAfterAndRateLimitHeaders_InAnthropicShape()
    {
        _gw.Fake.Respond = (ctx, _, _) =>
        {
            ctx.Response.StatusCode = 429;
            ctx.Response.ContentType = "application/json";
            ctx.Response.Headers["retry-after"] = "0";
            ctx.Response.Headers["anthropic-ratelimit-requests-remaining"] = "0";
            return ctx.Response.WriteAsync("""{"type":"error","error":{"type":"rate_limit_error","message":"Number of requests has exceeded your rate limit."}}""");
        };
        using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/messages", _key, GatewayServer.MessagesJson("fake-claude", "Hello there")));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("rate_limit_error", (string?)body["error"]!["type"]);
        Assert.Equal("Number of requests has exceeded your rate limit.", (string?)body["error"]!["message"]);
        Assert.Equal("0", response.Headers.GetValues("retry-after").Single());
        Assert.Equal("0", response.Headers.GetValues("anthropic-ratelimit-requests-remaining").Single());
        Assert.Equal(3, _gw.Fake.Requests.Count); // the first try and two bounded retries
    }

    [Fact]
    public async Task Upstream503ThenAnswer_RetriedBeforeTheFirstByte()
    {
        var calls = 0;
        _gw.Fake.Respond = (ctx, _, _) => Interlocked.Increment(ref calls) == 1
            ? OpenAiError(ctx, 503, "server_error", "overloaded", "try again", ("Retry-After", "0"))
            : FakeUpstream.OpenAiStream(ctx, ["Hello ", "again."]);
        using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", _key, GatewayServer.ChatJson("fake-gpt", "Hello there")));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello again.", (string?)body["choices"]![0]!["message"]!["content"]);
        Assert.Equal(2, _gw.Fake.Requests.Count);
    }

    [Fact]
    public async Task Upstream500_NotRetried_Becomes502()
    {
        _gw.Fake.Respond = (ctx, _, _) => OpenAiError(ctx, 500, "server_error", "internal", "boom");
        using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", _key, GatewayServer.ChatJson("fake-gpt", "Hello there")));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Single(_gw.Fake.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UnreachableUpstream_FallsBackToNextAndAuditsEveryAttempt(bool stream)
    {
        using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", _key, GatewayServer.ChatJson("fake-gpt-fb", "Hello there", stream)));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Paris", text, StringComparison.Ordinal);
        var sent = Assert.Single(_gw.Fake.Requests);
        Assert.Equal("gpt-fallback", (string?)sent["model"]);
        var index = long.Parse(response.Headers.GetValues("bulwark-audit-index").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var record = await _gw.AuditRecordAsync(stream ? index + 1 : index);
        var attempt = record["details"]!["attempts"]![0]!;
        Assert.Equal("dead", (string?)attempt["upstream"]);
        Assert.Equal("upstream_unavailable", (string?)attempt["code"]);
    }
}
