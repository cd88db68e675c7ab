using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Tests.Support;
using Bulwark.Testing;

namespace Bulwark.Gateway.Tests.Pipeline;

/// <summary>Every kind of bad input gets a clear error in the protocol's own shape, is audited, and crashes nothing.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private GatewayServer _gw = null!;
    private string _key = "";

    public async Task InitializeAsync()
    {
        _gw = await GatewayServer.StartAsync();
        (_, _key) = await _gw.CreateKeyAsync("mallory");
    }

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonNode Body, HttpResponseMessage Response)> SendAsync(string path, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key);
        var response = await _gw.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!, response);
    }

    private static ByteArrayContent Json(byte[] bytes, string type = "application/json")
    {
        var c = new ByteArrayContent(bytes);
        c.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        return c;
    }

    private static ByteArrayContent Json(string s, string type = "application/json") => Json(Encoding.UTF8.GetBytes(s), type);

    private async Task AssertOpenAiError(HttpContent content, HttpStatusCode status, string code)
    {
        var (actual, body, response) = await SendAsync("/v1/chat/completions", content);
        Assert.Equal(status, actual);
        Assert.Equal(code, (string?)body["error"]!["code"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["error"]!["message"]));
        Assert.NotNull(body["error"]!["type"]);
        var index = long.Parse(response.Headers.GetValues("bulwark-audit-index").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var record = await _gw.AuditRecordAsync(index);
        Assert.Equal(code, (string?)record["reason"]);
        Assert.Equal((int)status, (int?)record["status"]);
        response.Dispose();
    }

    [Fact]
    public Task Handle_MalformedJson_400() => AssertOpenAiError(Json("{\"model\": \"bulwark-sim\", \"messages\": [ "), HttpStatusCode.BadRequest, "malformed_json");

    [Fact]
    public Task Handle_JsonArrayBody_400() => AssertOpenAiError(Json("[1,2,3]"), HttpStatusCode.BadRequest, "malformed_json");

    [Fact]
    public Task Handle_WrongContentType_415() => AssertOpenAiError(Json(GatewayServer.ChatJson("bulwark-sim", "hi"), "text/plain"), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");

    [Fact]
    public Task Handle_BodyOverLimit_413() => AssertOpenAiError(Json(GatewayServer.ChatJson("bulwark-sim", new string('a', 70_000))), HttpStatusCode.RequestEntityTooLarge, "request_too_large");

    [Fact]
    public Task Handle_InvalidUtf8_400()
    {
        var bytes = Encoding.UTF8.GetBytes(GatewayServer.ChatJson("bulwark-sim", "hello XX world")).ToList();
        var at = bytes.IndexOf((byte)'X');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28; // an invalid two-byte sequence
        return AssertOpenAiError(Json(bytes.ToArray()), HttpStatusCode.BadRequest, "invalid_utf8");
    }

    [Fact]
    public Task Handle_LoneSurrogateEscape_400() =>
        AssertOpenAiError(Json("{\"model\":\"bulwark-sim\",\"messages\":[{\"role\":\"user\",\"content\":\"a\\ud800b\"}]}"), HttpStatusCode.BadRequest, "invalid_unicode");

    [Fact]
    public Task Handle_MissingMessages_400() => AssertOpenAiError(Json("{\"model\":\"bulwark-sim\"}"), HttpStatusCode.BadRequest, "missing_messages");

    [Fact]
    public Task Handle_EmptyMessages_400() => AssertOpenAiError(Json("{\"model\":\"bulwark-sim\",\"messages\":[]}"), HttpStatusCode.BadRequest, "empty_messages");

    [Fact]
    public Task Handle_UnknownModel_404() => AssertOpenAiError(Json(GatewayServer.ChatJson("no-such-model", "hi")), HttpStatusCode.NotFound, "model_not_found");

    [Fact]
    public Task Handle_UnknownRole_400() =>
        AssertOpenAiError(Json("{\"model\":\"bulwark-sim\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}"), HttpStatusCode.BadRequest, "invalid_role");

    [Fact]
    public Task Handle_StreamNotBoolean_400() =>
        AssertOpenAiError(Json("{\"model\":\"bulwark-sim\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), HttpStatusCode.BadRequest, "invalid_type");

    [Fact]
    public async Task Handle_AnthropicMissingMaxTokens_400InAnthropicShape()
    {
        var (status, body, response) = await SendAsync("/v1/messages", Json("{\"model\":\"fake-claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("error", (string?)body["type"]);
        Assert.Equal("invalid_request_error", (string?)body["error"]!["type"]);
        Assert.Equal("missing_max_tokens", (string?)body["bulwark"]!["reason"]);
        response.Dispose();
    }

    [Fact]
    public async Task Handle_AnthropicSystemRoleInMessages_400()
    {
        var (status, body, response) = await SendAsync("/v1/messages", Json("{\"model\":\"fake-claude\",\"max_tokens\":10,\"messages\":[{\"role\":\"system\",\"content\":\"hi\"}]}"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_role", (string?)body["bulwark"]!["reason"]);
        response.Dispose();
    }

    [Fact]
    public async Task Handle_UpstreamDown_502UpstreamUnavailable()
    {
        var deadPort = FreePort.Next();
        await using var gw = await GatewayServer.StartAsync(new Dictionary<string, string?> { ["Bulwark:Upstreams:fake-openai:BaseUrl"] = $"http://127.0.0.1:{deadPort}/v1" });
        var (_, key) = await gw.CreateKeyAsync("dave");
        using var response = await gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", key, GatewayServer.ChatJson("fake-gpt", "hi")));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_unavailable", (string?)body["error"]!["code"]);
        Assert.True(response.Headers.Contains("bulwark-audit-index"));
    }

    [Fact]
    public async Task Handle_UpstreamSlow_504UpstreamTimeout()
    {
        _gw.Fake.Respond = (ctx, _, _) => Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted);
        using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", _key, GatewayServer.ChatJson("fake-gpt", "hi")));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("upstream_timeout", (string?)body["error"]!["code"]);
    }

    [Fact]
    public async Task Handle_UpstreamSendsGarbage_502ProtocolError()
    {
        _gw.Fake.Respond = async (ctx, _, _) =>
        {
            ctx.Response.ContentType = "text/event-stream";
            await FakeUpstream.Write(ctx, "data: this is not json at all\n\n");
        };
        using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", _key, GatewayServer.ChatJson("fake-gpt", "hi")));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_protocol_error", (string?)body["error"]!["code"]);
    }

    [Fact]
    public async Task Handle_UpstreamAnswersHtml_502ProtocolError()
    {
        _gw.Fake.Respond = async (ctx, _, _) =>
        {
            ctx.Response.ContentType = "text/html";
            await FakeUpstream.Write(ctx, "<html>oops</html>");
        };
        using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/messages", _key, GatewayServer.MessagesJson("fake-claude", "hi")));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("api_error", (string?)body["error"]!["type"]);
    }

    [Fact]
    public async Task Handle_UnknownRoute_404Json()
    {
        using var response = await _gw.Client.GetAsync("/v2/nothing");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("unknown_route", (string?)body["error"]!["code"]);
        Assert.True(response.Headers.Contains("bulwark-request-id"));
    }

    [Fact]
    public async Task Handle_HostileUnicodeOnly_AnswersWithAVerdictNotACrash()
    {
        var hostile = string.Concat(Enumerable.Repeat("\u200B", 5000)) + "\u202E" + "🙂👨‍👩‍👧" + "\U000E0041";
        using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", _key, GatewayServer.ChatJson("bulwark-sim", hostile)));
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"got {(int)response.StatusCode}");
        Assert.True(response.Headers.Contains("bulwark-audit-index"));
    }
}
