using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Hosting;
using Bulwark.Gateway.Upstreams.Simulated;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bulwark.Benchmarks.Load;

/// <summary>
/// The gateway's added latency and throughput (issue 2): the simulated model served on the OpenAI wire (no token
/// delay) is called directly, through a gateway with guards off (policy "off") and through a gateway with the
/// default policy, with a bare YARP hop as the reference, at concurrency 1, 16 and 32 (--concurrency), non-streamed and
/// streamed (--modes json,stream; time to first byte of answer text).
/// Everything runs on loopback in this process: the load generator competes with the servers for the same cores,
/// so absolute numbers are pessimistic; the differences between rows are the point.
/// Usage: dotnet run -c Release --project bench/Bulwark.Benchmarks -- load [--seconds 10] [--concurrency 1,16,32] [--modes json,stream]
/// [--targets direct,hop,off,on] (a subset of the targets, e.g. to attach dotnet-trace to one of them).
/// </summary>
public static class LoadBenchmark
{
    private const string Prompt =
        "I am planning a week-long trip to Lisbon in late spring with two children aged seven and ten. We like museums, " +
        "easy walks, good food and the sea, but we do not want to rent a car. Could you suggest how to split the days " +
        "between the city and a couple of day trips by train, which neighbourhoods are pleasant to stay in with kids, " +
        "and a few restaurants that are relaxed about families? We are also wondering whether the Lisboa Card is worth " +
        "it for a family, how crowded the tram 28 gets, and whether the beaches near Cascais are warm enough to swim in " +
        "May. Please keep the plan realistic: the younger one gets tired after lunch, so afternoons should be calm. " +
        "Finally, what should we pack for the weather, and are there any local customs we should know about?";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = 10;
        int[] concurrencies = [1, 16, 32];
        bool[] modes = [false, true];
        string[]? targets = null;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--seconds") seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            if (args[i] == "--concurrency") concurrencies = args[i + 1].Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            if (args[i] == "--modes") modes = args[i + 1].Split(',').Select(m => m == "stream").ToArray();
            if (args[i] == "--targets") targets = args[i + 1].Split(',');
        }

        await using var upstream = await StartUpstreamAsync();
        var upstreamUrl = upstream.Urls.First();
        await using var hop = await StartYarpHopAsync(upstreamUrl);
        var (off, offKey, offDir) = await StartGatewayAsync(upstreamUrl, "off");
        var (on, onKey, onDir) = await StartGatewayAsync(upstreamUrl, "default");
        try
        {
            var results = new List<LoadResult>();
            foreach (var stream in modes)
            {
                foreach (var concurrency in concurrencies)
                {
                    foreach (var (target, url, key) in new[]
                             {
                                 (DirectTarget, upstreamUrl, "none"), (HopTarget, hop.Urls.First(), "none"),
                                 (OffTarget, off.Urls.First(), offKey), (OnTarget, on.Urls.First(), onKey),
                             })
                    {
                        if (targets is not null && !targets.Contains(TargetKey(target))) continue;
                        var scenario = new LoadScenario(target, url, key, concurrency, stream);
                        await RunScenarioAsync(scenario, TimeSpan.FromSeconds(2)); // warm-up
                        var result = await RunScenarioAsync(scenario, TimeSpan.FromSeconds(seconds));
                        results.Add(result);
                        Console.Error.WriteLine($"  {Describe(result)}");
                    }
                }
            }
            Console.WriteLine(ToMarkdown(results, seconds));
        }
        finally
        {
            await off.DisposeAsync();
            await on.DisposeAsync();
            TryDelete(offDir);
            TryDelete(onDir);
        }
        return 0;
    }

    private const string DirectTarget = "direct";

    /// <summary>The short name <c>--targets</c> uses: direct, hop, off, on.</summary>
    private static string TargetKey(string target) => target switch
    {
        DirectTarget => "direct",
        HopTarget => "hop",
        OffTarget => "off",
        _ => "on",
    };
    private const string HopTarget = "bare YARP hop";
    private const string OffTarget = "gateway, guards off";
    private const string OnTarget = "gateway, default policy";

    /// <summary>The reference: a bare YARP forwarder in front of the same upstream (no auth, no guards, no audit).</summary>
    private static async Task<WebApplication> StartYarpHopAsync(string upstreamUrl)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        app.MapForwarder("/{**catch-all}", upstreamUrl);
        await app.StartAsync();
        return app;
    }

    private static async Task<WebApplication> StartUpstreamAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapSimulatedUpstream(new UpstreamOptions { Kind = "simulated", TokenDelay = TimeSpan.Zero }, TimeProvider.System);
        await app.StartAsync();
        return app;
    }

    private static async Task<(WebApplication App, string Key, string Dir)> StartGatewayAsync(string upstreamUrl, string policy)
    {
        var dir = Path.Combine(Path.GetTempPath(), "bulwark-load-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var app = GatewayHost.Build(["--urls", "http://127.0.0.1:0"], new Dictionary<string, string?>
        {
            ["Bulwark:Store"] = "sqlite://" + Path.Combine(dir, "bulwark.db"),
            ["Bulwark:DataDirectory"] = dir,
            ["Bulwark:Policy"] = policy,
            ["Bulwark:Upstreams:sim-http:Kind"] = "openai",
            ["Bulwark:Upstreams:sim-http:BaseUrl"] = upstreamUrl + "/v1",
            ["Bulwark:Models:bench:Upstream"] = "sim-http",
            ["Bulwark:Limits:RequestsPerMinute"] = "100000000",
            ["Bulwark:Limits:TokensPerMinute"] = "2000000000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await app.StartAsync();
        var key = await AccessServiceCollectionExtensions.EnsureBootstrapAdminKeyAsync(app.Services, CancellationToken.None)
                  ?? throw new InvalidOperationException("no admin key on a fresh store");
        return (app, key, dir);
    }

    private static async Task<LoadResult> RunScenarioAsync(LoadScenario scenario, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(scenario.Url), Timeout = TimeSpan.FromSeconds(30) };
        var body = "{\"model\":\"bench\",\"stream\":" + (scenario.Stream ? "true" : "false") +
                   ",\"messages\":[{\"role\":\"user\",\"content\":\"" + Prompt + "\"}]}";
        var latencies = new List<double>();
        var ttfbs = new List<double>();
        var errors = 0;
        var gate = new object();
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, scenario.Concurrency).Select(async _ =>
        {
            var buffer = new byte[16 * 1024];
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var t0 = Stopwatch.GetTimestamp();
                double ttfb = -1;
                var ok = false;
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", scenario.Key);
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    await using var stream = await response.Content.ReadAsStreamAsync();
                    var seen = new StringBuilder();
                    int read;
                    while ((read = await stream.ReadAsync(buffer)) > 0)
                    {
                        if (ttfb < 0)
                        {
                            seen.Append(Encoding.UTF8.GetString(buffer, 0, read));
                            // First answer text: a content delta that is not the empty role chunk.
                            if (!scenario.Stream || seen.ToString().Contains("\"content\":\"This", StringComparison.Ordinal))
                                ttfb = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                        }
                    }
                    ok = response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                }
                var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                lock (gate)
                {
                    if (ok)
                    {
                        latencies.Add(ms);
                        if (ttfb >= 0) ttfbs.Add(ttfb);
                    }
                    else
                    {
                        errors++;
                    }
                }
            }
        }).ToArray();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        latencies.Sort();
        ttfbs.Sort();
        return new LoadResult(scenario, latencies.Count, errors, Percentile(latencies, 0.5), Percentile(latencies, 0.99),
            latencies.Count == 0 ? 0 : latencies.Average(), latencies.Count / elapsed, Percentile(ttfbs, 0.5), Percentile(ttfbs, 0.99));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Describe(LoadResult r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.Scenario.Target,-24} c={r.Scenario.Concurrency,-3} stream={r.Scenario.Stream,-5} p50={r.P50:F2}ms p99={r.P99:F2}ms rps={r.RequestsPerSecond:F0} errors={r.Errors}");

    private static string ToMarkdown(List<LoadResult> results, int seconds)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| mode | concurrency | target | p50 ms | p99 ms | added p50 ms | added p99 ms | req/s | req/s vs hop | first text p50 ms | first text p99 ms | errors |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var direct = results.FirstOrDefault(d => d.Scenario.Target == DirectTarget && d.Scenario.Concurrency == r.Scenario.Concurrency && d.Scenario.Stream == r.Scenario.Stream);
            var hop = results.FirstOrDefault(d => d.Scenario.Target == HopTarget && d.Scenario.Concurrency == r.Scenario.Concurrency && d.Scenario.Stream == r.Scenario.Stream);
            var isDirect = r.Scenario.Target == DirectTarget;
            var addedP50 = isDirect || direct is null ? "–" : (r.P50 - direct.P50).ToString("F2", CultureInfo.InvariantCulture);
            var addedP99 = isDirect || direct is null ? "–" : (r.P99 - direct.P99).ToString("F2", CultureInfo.InvariantCulture);
            var vsHop = isDirect || hop is null ? "–" : (r.RequestsPerSecond / hop.RequestsPerSecond).ToString("F2", CultureInfo.InvariantCulture);
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(r.Scenario.Stream ? "stream" : "json")} | {r.Scenario.Concurrency} | {r.Scenario.Target} | {r.P50:F2} | {r.P99:F2} | {addedP50} | {addedP99} | {r.RequestsPerSecond:F0} | {vsHop} | {(r.Scenario.Stream ? r.TtfbP50.ToString("F2", CultureInfo.InvariantCulture) : "–")} | {(r.Scenario.Stream ? r.TtfbP99.ToString("F2", CultureInfo.InvariantCulture) : "–")} | {r.Errors} |"));
        }
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{seconds} s per row after a 2 s warm-up; {Environment.ProcessorCount} cores; load generator, gateways and upstream share this one process.");
        return sb.ToString();
    }

    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }
}
