using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Bulwark.Testing.Gateways;
using Microsoft.Data.Sqlite;

namespace Bulwark.RedTeam.Tests.Support;

/// <summary>
/// A real gateway on Kestrel (127.0.0.1, random port) over a SQLite file in a temporary folder, serving the simulated
/// model "bulwark-sim" with no token delay, with a user key made through the admin API. Repeat-offender limits are
/// raised so that a red-team run is not suspended half-way.
/// </summary>
public sealed class TestGateway : IAsyncDisposable
{
    public const string Model = LoopbackGateway.SimulatedModel;
    private readonly WebApplication _app;
    private readonly string _dir;

    private TestGateway(WebApplication app, string dir, string url, string adminKey, string userKey)
    {
        _app = app;
        _dir = dir;
        Url = url;
        AdminKey = adminKey;
        UserKey = userKey;
    }

    public string Url { get; }

    public string AdminKey { get; }

    public string UserKey { get; }

    public static async Task<TestGateway> StartAsync(string policy, IDictionary<string, string?>? extra = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "bulwark-rt-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var config = LoopbackGateway.SimulatedConfiguration(dir);
        config["Bulwark:Policy"] = policy;
        config["Bulwark:Offenders:ThrottleAfter"] = "1000000";
        config["Bulwark:Offenders:SuspendAfter"] = "1000000";
        if (extra is not null)
        {
            foreach (var (k, v) in extra) config[k] = v;
        }
        var (app, url, admin) = await LoopbackGateway.StartAsync(config);
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/keys") { Content = JsonContent.Create(new { principal = "redteam", groups = Array.Empty<string>() }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"create key: {(int)response.StatusCode} {body}");
        return new TestGateway(app, dir, url, admin, (string)JsonNode.Parse(body)!["key"]!);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
