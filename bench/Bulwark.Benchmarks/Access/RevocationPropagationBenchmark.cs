using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Bulwark.Testing.Gateways;

namespace Bulwark.Benchmarks.Access;

/// <summary>
/// Revocation propagation across three real gateway processes (<see cref="PropagationCluster"/>). For each of N keys:
/// create it through node A's admin API, wait until B and C accept it, then revoke it through A's admin API while B and
/// C are probed over HTTP (<c>GET /v1/models</c> with the key) until they refuse it. Reports p50, p99 and max over all
/// (revocation, node) pairs, in milliseconds from the start of the revoke call on A to the refused answer.
/// Usage: see <see cref="PropagationSettings.Usage"/>.
/// </summary>
public static class RevocationPropagationBenchmark
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(string[] args)
    {
        var (settings, error) = PropagationSettings.Parse(args);
        if (settings is null)
        {
            await Console.Error.WriteLineAsync(error + "\n" + PropagationSettings.Usage);
            return 2;
        }
        using var cancel = new CancellationTokenSource();
        // Ctrl-C and SIGTERM end the run the normal way, so that every process it started is stopped.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            cancel.Cancel();
        }
        Console.WriteLine($"load average at start: {LoadAverage()} ({Environment.ProcessorCount} cores)");
        try
        {
            await using var cluster = await PropagationCluster.StartAsync(settings, cancel.Token);
            var samples = new PropagationSamples();
            for (var i = -settings.Warmup; i < settings.Count; i++)
            {
                var measured = await MeasureOneAsync(cluster, "prop" + (i + settings.Warmup).ToString(CultureInfo.InvariantCulture), settings.ProbeInterval, cancel.Token);
                if (i >= 0) samples.Add(i, measured);
            }
            samples.Print(Console.Out, settings, cluster);
            Console.WriteLine($"load average at end: {LoadAverage()}");
            return 0;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("cancelled; the gateway processes and servers started for the run are stopped");
            return 130;
        }
    }

    /// <summary>One revocation: its acknowledgement time on A and, per other node, the time until that node refused the key.</summary>
    private static async Task<Revocation> MeasureOneAsync(PropagationCluster cluster, string principal, TimeSpan probeInterval, CancellationToken cancellationToken)
    {
        var (id, key) = await cluster.CreateKeyAsync(principal, cancellationToken);
        var others = cluster.Nodes.Skip(1).ToArray();
        foreach (var node in others) await UntilStatusAsync(cluster, node, key, accepted: true, Stopwatch.StartNew(), probeInterval, cancellationToken);

        var started = Stopwatch.GetTimestamp();
        var clock = Stopwatch.StartNew();
        var revoke = RevokeAsync(cluster, id, clock, cancellationToken);
        var observed = await Task.WhenAll(others.Select(n => UntilStatusAsync(cluster, n, key, accepted: false, clock, probeInterval, cancellationToken)));
        return new Revocation(await revoke, cluster.Watcher.MessageAfter(started), observed);
    }

    private static async Task<double> RevokeAsync(PropagationCluster cluster, string id, Stopwatch clock, CancellationToken cancellationToken)
    {
        await cluster.RevokeAsync(id, cancellationToken);
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>Probes <paramref name="node"/> until it accepts (200) or refuses (401/403) the key; returns the clock's reading at that answer.</summary>
    private static async Task<NodeObservation> UntilStatusAsync(
        PropagationCluster cluster, GatewayProcess node, string key, bool accepted, Stopwatch clock, TimeSpan probeInterval, CancellationToken cancellationToken)
    {
        var unexpected = 0;
        while (true)
        {
            var status = await cluster.ModelsStatusAsync(node, key, cancellationToken);
            var refused = status is (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden;
            if (accepted ? status == (int)HttpStatusCode.OK : refused) return new NodeObservation(node.Name, clock.Elapsed.TotalMilliseconds, unexpected);
            if (status != (int)HttpStatusCode.OK && !refused) unexpected++;
            if (clock.Elapsed > GiveUp) throw new TimeoutException($"node {node.Name} still answers {status} after {GiveUp.TotalSeconds} s");
            if (probeInterval > TimeSpan.Zero) await Task.Delay(probeInterval, cancellationToken);
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
