using System.Diagnostics;
using System.Globalization;
using System.Net;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Configuration;

namespace Bulwark.Benchmarks.Access;

/// <summary>
/// Revocation propagation across three nodes sharing one PostgreSQL store and one Redis bus: for each of N revocations
/// made on node A (store commit, local apply, publish), the time until nodes B and C refuse the key (polled continuously).
/// Reports p50, p99 and max over all (revocation, node) pairs, in milliseconds.
/// Usage: <c>access-propagation --store postgres://… --bus redis://… [--count 200] [--max-staleness 00:00:02]</c>.
/// </summary>
public static class RevocationPropagationBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var store = Value(args, "--store");
        var bus = Value(args, "--bus");
        if (store is null || bus is null || !bus.StartsWith("redis://", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("usage: access-propagation --store postgres://user@host:port/db --bus redis://host:port [--count 200] [--max-staleness 00:00:02]");
            return 2;
        }
        var count = int.Parse(Value(args, "--count") ?? "200", CultureInfo.InvariantCulture);
        var staleness = TimeSpan.Parse(Value(args, "--max-staleness") ?? "00:00:02", CultureInfo.InvariantCulture);
        var dir = Path.Combine(Path.GetTempPath(), "bulwark-bench-prop-" + Guid.NewGuid().ToString("N")[..8]);
        var options = new BulwarkOptions { Store = store, Bus = bus, MaxStaleness = staleness, DataDirectory = dir };
        var settings = new Dictionary<string, string?> { ["Bulwark:Limits:RequestsPerMinute"] = "2000000000", ["Bulwark:Limits:FailedAuthPerMinute"] = "0" };
        var nodes = new List<AccessBenchNode>();
        for (var i = 0; i < 3; i++) nodes.Add(await AccessBenchNode.StartAsync(options, settings));
        try
        {
            var a = nodes[0];
            var others = nodes.Skip(1).ToArray();
            var samples = new List<double>(count * others.Length);
            for (var i = 0; i < count; i++)
            {
                var (id, key) = await a.AddKeyAsync("prop" + i, ["staff"]);
                var request = new AccessRequest(key, null, "/v1/models", IPAddress.Loopback);
                foreach (var n in others)
                {
                    var wait = Stopwatch.StartNew();
                    while (!(await n.Controller.AuthorizeAsync(request, CancellationToken.None)).Allowed)
                    {
                        if (wait.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("a new key did not reach every node");
                        await Task.Delay(1);
                    }
                }
                var admin = a.Services.GetService(typeof(Gateway.Access.Admin.AccessAdministration)) as Gateway.Access.Admin.AccessAdministration
                    ?? throw new InvalidOperationException("AccessAdministration is not registered");
                var sw = Stopwatch.StartNew();
                var result = await admin.RevokeKeyAsync(new Gateway.Access.Admin.AdminActor("bench", "bench-" + i, RequireAudit: false), id, CancellationToken.None);
                var acknowledged = sw.Elapsed;
                if (!result.Ok) throw new InvalidOperationException("revoke failed: " + result.Error);
                var pending = others.ToList();
                while (pending.Count > 0)
                {
                    for (var j = pending.Count - 1; j >= 0; j--)
                    {
                        var d = await pending[j].Controller.AuthorizeAsync(request, CancellationToken.None);
                        if (!d.Allowed)
                        {
                            samples.Add(sw.Elapsed.TotalMilliseconds);
                            pending.RemoveAt(j);
                        }
                    }
                    if (sw.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("a revocation did not reach every node");
                    if (pending.Count > 0) await Task.Yield();
                }
                if (i == 0) Console.WriteLine($"first revocation acknowledged after {acknowledged.TotalMilliseconds:0.00} ms");
            }
            samples.Sort();
            double P(double q) => samples[Math.Clamp((int)Math.Ceiling(q * samples.Count) - 1, 0, samples.Count - 1)];
            Console.WriteLine($"revocation propagation, 3 nodes (PostgreSQL store, Redis bus, MaxStaleness {staleness.TotalSeconds:0.###} s), {count} revocations, {samples.Count} node observations:");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  p50 {P(0.50):0.00} ms   p99 {P(0.99):0.00} ms   max {samples[^1]:0.00} ms   (measured from the revoke call on node A)"));
            return 0;
        }
        finally
        {
            foreach (var n in nodes) await n.DisposeAsync();
            try { Directory.Delete(dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
