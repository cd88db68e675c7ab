using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Tests.Support;

namespace Bulwark.Gateway.Tests.Hosting;

/// <summary>Health, readiness, metrics, model listing in both protocols, and the x-api-key header.</summary>
public sealed class GatewayEndpointsTests : IAsyncLifetime
{
    private GatewayServer _gw = null!;

    public async Task InitializeAsync() => _gw = await GatewayServer.StartAsync();

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    [Fact]
    public async Task Healthz_ProcessUp_200()
    {
        using var response = await _gw.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("bulwark-request-id"));
    }

    [Fact]
    public async Task Readyz_FreshSingleNode_ReadyWithChecks()
    {
        using var response = await _gw.Client.GetAsync("/readyz");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((bool?)body["ready"]);
        Assert.True((bool?)body["checks"]!["access_fresh"]);
        Assert.NotNull(body["checks"]!["audit_size"]);
    }

    [Fact]
    public async Task Metrics_AfterARequest_ExposesPrometheusCounters()
    {
        var (_, key) = await _gw.CreateKeyAsync("metrics-user");
        using (await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", key, GatewayServer.ChatJson("bulwark-sim", "What is the capital of France?")))) { }
        using var response = await _gw.Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("bulwark_requests", text);
        Assert.DoesNotContain("capital of France", text);
    }

    [Fact]
    public async Task Messages_WithXApiKeyHeader_Authenticates()
    {
        var (_, key) = await _gw.CreateKeyAsync("anthropic-user");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = new StringContent(GatewayServer.MessagesJson("bulwark-sim", "What is the capital of France?"), Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", key);
        request.Headers.Add("anthropic-version", "2023-06-01");
        using var response = await _gw.Client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("message", (string?)body["type"]);
        Assert.Contains("[simulated]", (string?)body["model"]);
    }

    [Fact]
    public async Task Models_AnthropicVersionHeader_AnswersInAnthropicShape()
    {
        var (_, key) = await _gw.CreateKeyAsync("lister");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add("x-api-key", key);
        request.Headers.Add("anthropic-version", "2023-06-01");
        using var response = await _gw.Client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((bool?)body["has_more"]);
        Assert.All(body["data"]!.AsArray(), m => Assert.Equal("model", (string?)m!["type"]));
    }

    [Fact]
    public async Task Models_BadKey_401InOpenAiShape()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "bwk_nope_nope");
        using var response = await _gw.Client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotNull(body["error"]!["message"]);
    }
}
