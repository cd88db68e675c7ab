using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Bulwark.RedTeam.Tests.Support;

/// <summary>
/// A real gateway on Kestrel (127.0.0.1, random port) over a SQLite file in a temporary folder, serving the simulated
/// model "bulwark-sim" with no token delay, with a user key made through the admin API. Repeat-offender limits are
/// raised so that a red-team run is not suspended half-way.
/// </summary>
public sealed class TestGateway : IAsyncDisposable
{
    public const string Model = "bulwark-sim";
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
        var config = new Dictionary<string, string?>
        {
            ["Bulwark:Store"] = "sqlite://" + Path.Combine(dir, "bulwark.db"),
            ["Bulwark:DataDirectory"] = dir,
            ["Bulwark:Upstreams:sim:Kind"] = "simulated",
            ["Bulwark:Upstreams:sim:TokenDelay"] = "00:00:00",
            ["Bulwark:Models:bulwark-sim:Upstream"] = "sim",
            ["Bulwark:Policy"] = policy,
            ["Bulwark:Offenders:ThrottleAfter"] = "1000000",
            ["Bulwark:Offenders:SuspendAfter"] = "1000000",
        };
        if (extra is not null)
        {
            foreach (var (k, v) in extra) config[k] = v;
        }
        var app = GatewayHost.Build(["--urls", "http://127.0.0.1:0"], config);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var admin = await AccessServiceCollectionExtensions.EnsureBootstrapAdminKeyAsync(app.Services, CancellationToken.None)
                    ?? throw new InvalidOperationException("no bootstrap admin key on a fresh store");
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
