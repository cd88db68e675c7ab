using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bulwark.Testing;
using Bulwark.Testing.Gateways;

namespace Bulwark.Benchmarks.Access;

/// <summary>
/// Three real `bulwark serve` processes (A, B, C: the built CLI, each its own OS process with its own access state and
/// reconcile loop) on loopback over one PostgreSQL store and one Redis bus, plus an admin key made with the CLI straight
/// on the store before they start. PostgreSQL and Redis are the given ones, or servers started for the run
/// (<see cref="PostgresServer"/>, <see cref="RedisServer"/>). Everything started here is stopped by
/// <see cref="DisposeAsync"/>, and by <see cref="Kill"/> when the process exits.
/// </summary>
internal sealed class PropagationCluster : IAsyncDisposable
{
    public const string Model = "bulwark-sim";
    private const string ModelsPath = "v1/models";
    private static readonly string[] NodeNames = ["A", "B", "C"];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bulwark-bench-prop-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<GatewayProcess> _nodes = [];
    private PostgresServer? _postgres;
    private RedisServer? _redis;
    private string _adminKey = "";
    private BusWatcher? _watcher;

    private PropagationCluster() => Directory.CreateDirectory(_dir);

    public IReadOnlyList<GatewayProcess> Nodes => _nodes;

    /// <summary>Keep-alive connections to every node; one request at a time per node is the benchmark's pattern.</summary>
    public HttpClient Http { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Watches the bus channel the nodes publish on.</summary>
    public BusWatcher Watcher => _watcher ?? throw new InvalidOperationException("the cluster is not started");

    public string StoreDescription { get; private set; } = "";

    public string BusDescription { get; private set; } = "";

    public static async Task<PropagationCluster> StartAsync(PropagationSettings settings, CancellationToken cancellationToken)
    {
        var cluster = new PropagationCluster();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Kill();
        try
        {
            await cluster.InitializeAsync(settings, cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync(PropagationSettings settings, CancellationToken cancellationToken)
    {
        var store = settings.Store;
        if (store is null)
        {
            _postgres = await PostgresServer.StartAsync();
            store = await _postgres.CreateDatabaseAsync("prop");
            StoreDescription = $"PostgreSQL started for the run (127.0.0.1:{_postgres.Port}, fsync on)";
        }
        else
        {
            StoreDescription = "PostgreSQL given by --store";
        }
        var bus = settings.Bus;
        if (bus is null)
        {
            _redis = await RedisServer.StartAsync();
            bus = _redis.Uri;
            BusDescription = $"Redis started for the run (127.0.0.1:{_redis.Port})";
        }
        else
        {
            BusDescription = "Redis given by --bus";
        }
        _watcher = await BusWatcher.StartAsync(bus);
        var environment = Environment(store, bus, settings.MaxStaleness);
        _adminKey = await CreateAdminKeyAsync(environment, cancellationToken);
        foreach (var name in NodeNames) _nodes.Add(new GatewayProcess(name, environment, Path.Combine(_dir, name)));
        await Task.WhenAll(_nodes.Select(n => n.StartAsync())).WaitAsync(cancellationToken);
    }

    /// <summary>One configuration for every node: the shared store, bus and data folder (they share the audit log's signing key).</summary>
    private Dictionary<string, string> Environment(string store, string bus, TimeSpan maxStaleness) => new()
    {
        ["Bulwark__Store"] = store,
        ["Bulwark__Bus"] = bus,
        ["Bulwark__MaxStaleness"] = maxStaleness.ToString("c", CultureInfo.InvariantCulture),
        ["Bulwark__DataDirectory"] = Path.Combine(_dir, "data"),
        ["Bulwark__Limits__FailedAuthPerMinute"] = "0",
        ["Bulwark__Limits__RequestsPerMinute"] = "1000000",
        ["Bulwark__Upstreams__sim__Kind"] = "simulated",
        [$"Bulwark__Models__{Model}__Upstream"] = "sim",
    };

    private async Task<string> CreateAdminKeyAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var workDir = Path.Combine(_dir, "cli");
        Directory.CreateDirectory(workDir);
        using var p = Process.Start(GatewayProcess.StartInfo(["keys", "create", "--principal", "bench-admin", "--group", "ops", "--admin", "--json"], environment, workDir))
            ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = p.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = p.StandardError.ReadToEndAsync(cancellationToken);
        await p.WaitForExitAsync(cancellationToken);
        if (p.ExitCode != 0) throw new InvalidOperationException($"bulwark keys create exited {p.ExitCode}: {await stderr}{await stdout}");
        return JsonNode.Parse(await stdout)!["key"]!.GetValue<string>();
    }

    /// <summary>Creates a key through node A's admin API. Returns its id and secret.</summary>
    public async Task<(string Id, string Key)> CreateKeyAsync(string principal, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["principal"] = principal, ["groups"] = new JsonArray("staff") }.ToJsonString();
        using var response = await SendAsync(_nodes[0], HttpMethod.Post, "admin/keys", _adminKey, body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST /admin/keys on A: {(int)response.StatusCode} {text}");
        var json = JsonNode.Parse(text)!;
        return (json["id"]!.GetValue<string>(), json["key"]!.GetValue<string>());
    }

    /// <summary>Revokes a key through node A's admin API (<c>POST /admin/keys/{id}/revoke</c>).</summary>
    public async Task RevokeAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(_nodes[0], HttpMethod.Post, $"admin/keys/{id}/revoke", _adminKey, null, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"revoke on A: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    /// <summary>The status of <c>GET /v1/models</c> on <paramref name="node"/> with <paramref name="key"/>.</summary>
    public async Task<int> ModelsStatusAsync(GatewayProcess node, string key, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(node, HttpMethod.Get, ModelsPath, key, null, cancellationToken);
        await response.Content.CopyToAsync(Stream.Null, cancellationToken);
        return (int)response.StatusCode;
    }

    private async Task<HttpResponseMessage> SendAsync(GatewayProcess node, HttpMethod method, string path, string key, string? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(node.BaseUri, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return await Http.SendAsync(request, cancellationToken);
    }

    /// <summary>Stops every process started here, synchronously (also from ProcessExit).</summary>
    public void Kill()
    {
        foreach (var node in _nodes) node.Kill();
        _redis?.Stop();
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        Http.Dispose();
        if (_watcher is not null) await _watcher.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
