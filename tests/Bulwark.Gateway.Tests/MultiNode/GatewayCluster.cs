using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bulwark.Testing;
using Bulwark.Testing.Gateways;

namespace Bulwark.Gateway.Tests.MultiNode;

/// <summary>
/// Three gateway processes sharing one PostgreSQL database and one Redis (its own, so a test can stop it), with
/// MaxStaleness 2 s. The admin key is made with the CLI straight on the store before the nodes start.
/// </summary>
public sealed class GatewayCluster : IAsyncLifetime
{
    public static readonly TimeSpan MaxStaleness = TimeSpan.FromSeconds(2);

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bulwark-mn-" + Guid.NewGuid().ToString("N")[..8]);

    public RedisServer Redis { get; private set; } = null!;

    public string Store { get; private set; } = "";

    public string AdminKey { get; private set; } = "";

    public IReadOnlyList<GatewayProcess> Nodes { get; private set; } = [];

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["Bulwark__Store"] = Store,
        ["Bulwark__Bus"] = Redis.Uri,
        ["Bulwark__MaxStaleness"] = "00:00:02",
        ["Bulwark__Limits__FailedAuthPerMinute"] = "0",
        ["Bulwark__Limits__RequestsPerMinute"] = "1000000",
        ["Bulwark__Upstreams__sim__Kind"] = "simulated",
        ["Bulwark__Upstreams__sim__TokenDelay"] = "00:00:00.002",
        ["Bulwark__Models__bulwark-sim__Upstream"] = "sim",
        ["Bulwark__Models__open-sim__Upstream"] = "sim",
        ["Bulwark__Models__open-sim__Protected"] = "false",
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        var pg = await PostgresServer.SharedAsync();
        Store = await pg.CreateDatabaseAsync("mn");
        Redis = await RedisServer.StartAsync();
        var (code, stdout, stderr) = await RunCliAsync(["keys", "create", "--principal", "ops", "--group", "ops", "--admin", "--json"], Path.Combine(_dir, "cli"));
        if (code != 0) throw new InvalidOperationException($"keys create exited {code}: {stderr}{stdout}");
        AdminKey = JsonNode.Parse(stdout)!["key"]!.GetValue<string>();
        var nodes = new[] { "A", "B", "C" }.Select(n => new GatewayProcess(n, WithDataDir(n), Path.Combine(_dir, n))).ToArray();
        await Task.WhenAll(nodes.Select(n => n.StartAsync()));
        Nodes = nodes;
    }

    /// <summary>One data folder for every node and the CLI: they share the audit log, so they share its signing key.</summary>
    private Dictionary<string, string> WithDataDir(string node) => new(Environment) { ["Bulwark__DataDirectory"] = Path.Combine(_dir, "data") };

    public async Task<(int Code, string Stdout, string Stderr)> RunCliAsync(IEnumerable<string> args, string workDir)
    {
        Directory.CreateDirectory(workDir);
        var env = new Dictionary<string, string>(Environment) { ["Bulwark__DataDirectory"] = Path.Combine(_dir, "data") };
        using var p = Process.Start(GatewayProcess.StartInfo(args, env, workDir))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout, await stderr);
    }

    public async Task<(int Status, JsonObject? Body)> SendAsync(GatewayProcess node, HttpMethod method, string path, string? key, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(node.BaseUri, path));
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonObject? body = null;
        try { body = JsonNode.Parse(text) as JsonObject; } catch (System.Text.Json.JsonException) { }
        return ((int)response.StatusCode, body);
    }

    public async Task<(string Id, string Key)> CreateKeyAsync(GatewayProcess node, string principal, string group)
    {
        var (status, body) = await SendAsync(node, HttpMethod.Post, "admin/keys", AdminKey, $$"""{"principal":"{{principal}}","groups":["{{group}}"]}""");
        if (status != 200) throw new InvalidOperationException($"create key on {node.Name}: {status} {body}");
        return (body!["id"]!.GetValue<string>(), body["key"]!.GetValue<string>());
    }

    public static string Chat(string model, string prompt = "What is the capital of France?", bool stream = false) =>
        new JsonObject
        {
            ["model"] = model, ["stream"] = stream,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }),
        }.ToJsonString();

    /// <summary>Polls until <paramref name="check"/> holds on every node or the time runs out; returns how long it took (or null).</summary>
    public async Task<TimeSpan?> UntilAllAsync(Func<GatewayProcess, Task<bool>> check, TimeSpan within)
    {
        var sw = Stopwatch.StartNew();
        var pending = Nodes.ToList();
        while (sw.Elapsed < within)
        {
            var results = await Task.WhenAll(pending.Select(async n => (n, ok: await check(n))));
            pending = results.Where(r => !r.ok).Select(r => r.n).ToList();
            if (pending.Count == 0) return sw.Elapsed;
            await Task.Delay(20);
        }
        return null;
    }

    public async Task DisposeAsync()
    {
        foreach (var n in Nodes) await n.DisposeAsync();
        Http.Dispose();
        await Redis.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
