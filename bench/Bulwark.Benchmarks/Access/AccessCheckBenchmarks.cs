using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Configuration;

namespace Bulwark.Benchmarks.Access;

/// <summary>
/// The hot-path access check with a warm cache (single node, SQLite, in-process limits): parse the key, look up its hash,
/// SHA-256 + constant-time compare, entitlement, directive and kill-switch checks, rate-limit counters, withdrawal token.
/// Target: p50 ≤ 20 µs. Run: <c>dotnet run -c Release --project bench/Bulwark.Benchmarks -- --filter '*AccessCheck*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class AccessCheckBenchmarks
{
    private string _dir = "";
    private AccessBenchNode _node = null!;
    private AccessRequest _model = null!;
    private AccessRequest _authOnly = null!;
    private AccessRequest _badKey = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "bulwark-bench-access-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dir);
        var options = new BulwarkOptions
        {
            Store = "sqlite://" + Path.Combine(_dir, "bulwark.db"),
            DataDirectory = _dir,
            Models = new Dictionary<string, ModelOptions>
            {
                ["bulwark-sim"] = new() { Upstream = "sim" },
                ["research-sim"] = new() { Upstream = "sim", Groups = ["research"] },
            },
        };
        // Limits high enough that the benchmark measures the allowed path, not 429s.
        _node = AccessBenchNode.StartAsync(options, new Dictionary<string, string?>
        {
            ["Bulwark:Limits:RequestsPerMinute"] = "2000000000", ["Bulwark:Limits:FailedAuthPerMinute"] = "0",
        }).GetAwaiter().GetResult();
        for (var i = 0; i < 1000; i++) _node.AddKeyAsync("p" + (i % 100), ["staff"]).GetAwaiter().GetResult();
        var (_, key) = _node.AddKeyAsync("bench", ["research"]).GetAwaiter().GetResult();
        var ip = IPAddress.Loopback;
        _model = new AccessRequest(key, "research-sim", "/v1/chat/completions", ip);
        _authOnly = new AccessRequest(key, null, "/v1/models", ip);
        _badKey = new AccessRequest("bwk_zzzzzzzz_" + new string('A', 43), "bulwark-sim", "/v1/chat/completions", null);
        if (!_node.Controller.AuthorizeAsync(_model, CancellationToken.None).AsTask().GetAwaiter().GetResult().Allowed)
            throw new InvalidOperationException("setup: the benchmark key is refused");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _node.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Benchmark(Baseline = true, Description = "authorize key for model (warm)")]
    public bool AuthorizeModel() => _node.Controller.AuthorizeAsync(_model, CancellationToken.None).GetAwaiter().GetResult().Allowed;

    [Benchmark(Description = "authenticate only (/v1/models)")]
    public bool AuthenticateOnly() => _node.Controller.AuthorizeAsync(_authOnly, CancellationToken.None).GetAwaiter().GetResult().Allowed;

    [Benchmark(Description = "unknown key (401)")]
    public int UnknownKey() => _node.Controller.AuthorizeAsync(_badKey, CancellationToken.None).GetAwaiter().GetResult().StatusCode;

    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig()
        {
            AddColumn(StatisticColumn.P50, StatisticColumn.P95, StatisticColumn.Max);
        }
    }
}
