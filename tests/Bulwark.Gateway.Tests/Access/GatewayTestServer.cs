using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Bulwark.Gateway.Tests.Access;

/// <summary>The real gateway (GatewayHost.Build) on 127.0.0.1 with a SQLite store in a temporary folder, and its bootstrap admin key.</summary>
public sealed class GatewayTestServer : IAsyncDisposable
{
    private GatewayTestServer(WebApplication app, string dir, string adminKey)
    {
        App = app;
        Directory = dir;
        AdminKey = adminKey;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }

    public string Directory { get; }

    public string AdminKey { get; }

    public HttpClient Http { get; }

    public static async Task<GatewayTestServer> StartAsync(IDictionary<string, string?>? extra = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "bulwark-gw-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(dir);
        var overrides = new Dictionary<string, string?>
        {
            ["Bulwark:Store"] = "sqlite://" + Path.Combine(dir, "bulwark.db"),
            ["Bulwark:DataDirectory"] = dir,
            ["Bulwark:Models:bulwark-sim:Upstream"] = "sim",
            ["Bulwark:Models:research-sim:Upstream"] = "sim",
            ["Bulwark:Models:research-sim:Groups:0"] = "research",
            ["Bulwark:Upstreams:sim:Kind"] = "simulated",
            ["Bulwark:Upstreams:sim:TokenDelay"] = "00:00:00.050",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) overrides[k] = v;
        var app = GatewayHost.Build(["--urls", "http://127.0.0.1:0"], overrides);
        await app.StartAsync();
        var adminKey = await AccessServiceCollectionExtensions.EnsureBootstrapAdminKeyAsync(app.Services, CancellationToken.None)
            ?? throw new InvalidOperationException("no bootstrap admin key on a fresh store");
        return new GatewayTestServer(app, dir, adminKey);
    }

    public async Task<(int Status, JsonObject? Body)> SendAsync(HttpMethod method, string path, string? key, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonObject? body = null;
        try { body = JsonNode.Parse(text) as JsonObject; } catch (System.Text.Json.JsonException) { }
        return ((int)response.StatusCode, body);
    }

    public Task<(int Status, JsonObject? Body)> AdminAsync(HttpMethod method, string path, string? json = null) => SendAsync(method, path, AdminKey, json);

    public async Task<(string Id, string Key)> CreateKeyAsync(string principal, string groupsJson = "[]")
    {
        var (status, body) = await AdminAsync(HttpMethod.Post, "/admin/keys", $$"""{"principal":"{{principal}}","groups":{{groupsJson}}}""");
        Assert.Equal(200, status);
        return (body!["id"]!.GetValue<string>(), body["key"]!.GetValue<string>());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
