using System.Globalization;

namespace Bulwark.Benchmarks.Access;

/// <summary>The measured revocations, summarised as percentiles over all (revocation, node) pairs.</summary>
internal sealed class PropagationSamples
{
    private const int Slowest = 5;
    private readonly List<(int Index, Revocation Revocation)> _revocations = [];

    public void Add(int index, Revocation revocation) => _revocations.Add((index, revocation));

    public void Print(TextWriter output, PropagationSettings settings, PropagationCluster cluster)
    {
        var pairs = _revocations.SelectMany(r => r.Revocation.Nodes.Select(n => (r.Index, r.Revocation.AcknowledgedMs, r.Revocation.BusMs, n))).ToList();
        var all = Sorted(pairs.Select(p => p.n.Ms));
        var acknowledged = Sorted(_revocations.Select(r => r.Revocation.AcknowledgedMs));
        var unexpected = pairs.Sum(p => p.n.Unexpected);
        output.WriteLine(Invariant($"revocation propagation, 3 bulwark serve processes ({cluster.StoreDescription}; {cluster.BusDescription}; MaxStaleness {settings.MaxStaleness.TotalSeconds:0.###} s)"));
        output.WriteLine(Invariant($"{_revocations.Count} revocations after {settings.Warmup} warm-up, {all.Count} node observations, probe GET /v1/models every {settings.ProbeInterval.TotalMilliseconds:0.#} ms + round trip:"));
        output.WriteLine(Invariant($"  p50 {P(all, 0.50):0.00} ms   p99 {P(all, 0.99):0.00} ms   max {all[^1]:0.00} ms   (from the start of the revoke call on A to the refusal)"));
        foreach (var node in pairs.GroupBy(p => p.n.Node))
        {
            var s = Sorted(node.Select(p => p.n.Ms));
            output.WriteLine(Invariant($"  node {node.Key}: p50 {P(s, 0.50):0.00} ms   p99 {P(s, 0.99):0.00} ms   max {s[^1]:0.00} ms"));
        }
        output.WriteLine(Invariant($"  revoke acknowledged by A: p50 {P(acknowledged, 0.50):0.00} ms   p99 {P(acknowledged, 0.99):0.00} ms   max {acknowledged[^1]:0.00} ms"));
        var bus = Sorted(_revocations.Where(r => r.Revocation.BusMs is not null).Select(r => r.Revocation.BusMs!.Value));
        var afterBus = Sorted(pairs.Where(p => p.BusMs is not null).Select(p => p.n.Ms - p.BusMs!.Value));
        if (bus.Count > 0)
        {
            output.WriteLine(Invariant($"  version message seen on the bus: p50 {P(bus, 0.50):0.00} ms   p99 {P(bus, 0.99):0.00} ms   max {bus[^1]:0.00} ms   ({bus.Count} of {_revocations.Count})"));
            output.WriteLine(Invariant($"  message to refusal on B/C: p50 {P(afterBus, 0.50):0.00} ms   p99 {P(afterBus, 0.99):0.00} ms   max {afterBus[^1]:0.00} ms"));
        }
        if (unexpected > 0) output.WriteLine(Invariant($"  {unexpected} probe answers were neither 200 nor 401/403"));
        output.WriteLine("  slowest: " + string.Join(", ", pairs.OrderByDescending(p => p.n.Ms).Take(Slowest)
            .Select(p => Invariant($"#{p.Index} on {p.n.Node} {p.n.Ms:0.0} ms (A acknowledged at {p.AcknowledgedMs:0.0}, bus {p.BusMs:0.0})"))));
    }

    private static List<double> Sorted(IEnumerable<double> values)
    {
        var list = values.ToList();
        list.Sort();
        return list;
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double P(List<double> sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
