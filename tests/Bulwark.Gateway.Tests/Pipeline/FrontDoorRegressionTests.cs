using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Tests.Support;

namespace Bulwark.Gateway.Tests.Pipeline;

/// <summary>
/// Issue 11, defects 1, 2 and 4: the cases that gave 500 get a 4xx in the route's own error shape; a request without a
/// valid key is refused from its headers (the body is neither parsed nor audited one by one).
/// </summary>
public sealed class FrontDoorRegressionTests : IAsyncLifetime
{
    private GatewayServer _gw = null!;
    private string _key = "";

    public async Task InitializeAsync()
    {
        _gw = await GatewayServer.StartAsync();
        (_, _key) = await _gw.CreateKeyAsync("mallory");
    }

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(string route, byte[] body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (route == FrontDoorCorpus.Messages) request.Headers.Add("anthropic-version", "2023-06-01");
        var response = await _gw.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try { json = JsonNode.Parse(text); } catch (System.Text.Json.JsonException) { }
        return (response.StatusCode, json, response);
    }

    /// <summary>The error shape of each route: OpenAI's, Anthropic's, or the admin API's.</summary>
    private static void AssertErrorShape(string route, JsonNode? body)
    {
        Assert.NotNull(body);
        if (route == FrontDoorCorpus.Messages)
        {
            Assert.Equal("error", (string?)body!["type"]);
            Assert.Equal("invalid_request_error", (string?)body["error"]!["type"]);
        }
        else
        {
            Assert.Equal("invalid_request_error", (string?)body!["error"]!["type"]);
        }
        Assert.False(string.IsNullOrWhiteSpace((string?)body["error"]!["message"]));
    }

    [Theory]
    [MemberData(nameof(FrontDoorCorpus.Cases), MemberType = typeof(FrontDoorCorpus))]
    public async Task Post_IssueCorpusWithValidKey_400InTheRoutesShape(string name, string route, byte[] body)
    {
        var key = route.StartsWith("/admin", StringComparison.Ordinal) ? _gw.AdminKey : _key;
        var (status, json, response) = await SendAsync(route, body, key);
        response.Dispose();
        Assert.True(status == HttpStatusCode.BadRequest, $"{name}: got {(int)status} {json?.ToJsonString()}");
        AssertErrorShape(route, json);
        // The gateway stays healthy.
        using var health = await _gw.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [MemberData(nameof(FrontDoorCorpus.Cases), MemberType = typeof(FrontDoorCorpus))]
    public async Task Post_IssueCorpusWithoutKey_401AndNoPerRequestRecord(string name, string route, byte[] body)
    {
        var before = await _gw.AuditSizeAsync();
        var (status, _, response) = await SendAsync(route, body, null);
        Assert.True(status == HttpStatusCode.Unauthorized, $"{name}: got {(int)status}");
        Assert.False(response.Headers.Contains("bulwark-audit-index"));
        response.Dispose();
        Assert.Equal(before, await _gw.AuditSizeAsync());
    }

    [Fact]
    public async Task Post_KeylessLargeBody_RefusedFromHeadersWithConnectionClose()
    {
        var before = await _gw.AuditSizeAsync();
        var big = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("1", 30_000)) + "]");
        var (status, body, response) = await SendAsync(FrontDoorCorpus.Chat, big, "bwk_not_a_key");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_api_key", (string?)body!["error"]!["code"]);
        // The body is refused unread: the connection closes instead of Kestrel draining it for keep-alive.
        Assert.True(response.Headers.ConnectionClose);
        response.Dispose();
        Assert.Equal(before, await _gw.AuditSizeAsync());
    }

    [Fact]
    public async Task Post_ParserLevelDefectWithValidKey_IsAudited()
    {
        var (_, route, body) = (FrontDoorCorpus.Cases().First(c => (string)c[0] == "tool_calls element not an object")[0],
            FrontDoorCorpus.Chat, (byte[])FrontDoorCorpus.Cases().First(c => (string)c[0] == "tool_calls element not an object")[2]);
        var (status, _, response) = await SendAsync(route, body, _key);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var index = long.Parse(response.Headers.GetValues("bulwark-audit-index").Single(), System.Globalization.CultureInfo.InvariantCulture);
        response.Dispose();
        var record = await _gw.AuditRecordAsync(index);
        Assert.Equal(400, (int?)record["status"]);
        Assert.Equal("mallory", (string?)record["principal"]);
    }
}
