using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Auditing.Stores;
using Bulwark.Testing;
using Bulwark.Testing.Gateways;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Bulwark.Gateway.Tests.Support;

/// <summary>
/// A real gateway on Kestrel (127.0.0.1, random port) over a real SQLite file in a temporary folder, with three
/// models: "bulwark-sim" (the built-in simulated upstream), "fake-gpt" (OpenAI wire, the <see cref="FakeUpstream"/>)
/// and "fake-claude" (Anthropic wire, the same fake).
/// </summary>
public sealed class GatewayServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dir;

    private GatewayServer(WebApplication app, string dir, string baseUrl, string adminKey, FakeUpstream fake)
    {
        _app = app;
        _dir = dir;
        BaseUrl = baseUrl;
        AdminKey = adminKey;
        Fake = fake;
        Client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string BaseUrl { get; }

    public string AdminKey { get; }

    public FakeUpstream Fake { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<GatewayServer> StartAsync(IDictionary<string, string?>? extra = null, Action<IServiceCollection>? configureServices = null)
    {
        var fake = await FakeUpstream.StartAsync();
        var dir = Path.Combine(Path.GetTempPath(), "bulwark-gw-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var config = LoopbackGateway.SimulatedConfiguration(dir);
        foreach (var (k, v) in new Dictionary<string, string?>
        {
            ["Bulwark:Upstreams:fake-openai:Kind"] = "openai",
            ["Bulwark:Upstreams:fake-openai:BaseUrl"] = fake.BaseUrl + "/v1",
            ["Bulwark:Upstreams:fake-openai:ApiKey"] = "upstream-secret",
            ["Bulwark:Upstreams:fake-openai:Timeout"] = "00:00:05",
            ["Bulwark:Upstreams:fake-openai:IdleTimeout"] = "00:00:02",
            ["Bulwark:Upstreams:fake-anthropic:Kind"] = "anthropic",
            ["Bulwark:Upstreams:fake-anthropic:BaseUrl"] = fake.BaseUrl,
            ["Bulwark:Upstreams:fake-anthropic:ApiKey"] = "upstream-secret",
            ["Bulwark:Upstreams:fake-anthropic:Timeout"] = "00:00:05",
            ["Bulwark:Upstreams:fake-anthropic:IdleTimeout"] = "00:00:02",
            ["Bulwark:Models:fake-gpt:Upstream"] = "fake-openai",
            ["Bulwark:Models:fake-gpt:UpstreamModel"] = "gpt-upstream",
            ["Bulwark:Models:fake-claude:Upstream"] = "fake-anthropic",
            ["Bulwark:MaxRequestBytes"] = "65536",
        })
        {
            config[k] = v;
        }
        if (extra is not null)
        {
            foreach (var (k, v) in extra) config[k] = v;
        }
        var (app, url, admin) = await LoopbackGateway.StartAsync(config, configureServices);
        return new GatewayServer(app, dir, url, admin, fake);
    }

    /// <summary>
    /// Settings for a model whose own "openai" upstream, "dead", refuses connections (nothing listens on its port),
    /// with the given fallbacks ("upstream" or "upstream:model"): the fallback path without waiting for a timeout.
    /// </summary>
    public static Dictionary<string, string?> DeadUpstreamModel(string model, params string[] fallbacks)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Bulwark:Upstreams:dead:Kind"] = "openai",
            ["Bulwark:Upstreams:dead:BaseUrl"] = $"http://127.0.0.1:{FreePort.Next()}/v1",
            ["Bulwark:Upstreams:dead:Timeout"] = "00:00:05",
            [$"Bulwark:Models:{model}:Upstream"] = "dead",
        };
        for (var i = 0; i < fallbacks.Length; i++) settings[$"Bulwark:Models:{model}:Fallbacks:{i}"] = fallbacks[i];
        return settings;
    }

    /// <summary>Creates a user key through the admin API; returns (id, key).</summary>
    public async Task<(string Id, string Key)> CreateKeyAsync(string principal, string[]? groups = null, string? policy = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/keys")
        {
            Content = policy is null ? JsonContent.Create(new { principal, groups = groups ?? [] }) : JsonContent.Create(new { principal, groups = groups ?? [], policy }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"create key: {(int)response.StatusCode} {body}");
        var json = JsonNode.Parse(body)!;
        return ((string)json["id"]!, (string)json["key"]!);
    }

    public async Task RevokeKeyAsync(string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/keys/{id}/revoke");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        using var response = await Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    public static HttpRequestMessage Post(string path, string key, string json, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    public static string ChatJson(string model, string userText, bool stream = false) =>
        new JsonObject
        {
            ["model"] = model, ["stream"] = stream,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = userText }),
        }.ToJsonString();

    public static string MessagesJson(string model, string userText, bool stream = false) =>
        new JsonObject
        {
            ["model"] = model, ["stream"] = stream, ["max_tokens"] = 256,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = userText }),
        }.ToJsonString();

    /// <summary>The stored audit record at <paramref name="index"/>, parsed.</summary>
    public async Task<JsonObject> AuditRecordAsync(long index)
    {
        var store = Services.GetRequiredService<IAuditStore>();
        var leaves = await store.ReadLeavesAsync(index, 1, CancellationToken.None);
        Assert.Single(leaves);
        Assert.Equal(index, leaves[0].Index);
        return (JsonObject)JsonNode.Parse(leaves[0].Data)!;
    }

    public async Task<long> AuditSizeAsync() => await Services.GetRequiredService<IAuditStore>().GetSizeAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Fake.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
