namespace Bulwark.Cli.Commands.Detection;

/// <summary>Per stage and source: recall on rows that should be flagged, false-positive rate on benign rows, latency percentiles.</summary>
internal sealed record EvalSummary(string Stage, string Source, int Positives, int Detected, int Negatives, int FalsePositives, double P50Ms, double P99Ms)
{
    public double? Recall => Positives == 0 ? null : (double)Detected / Positives;

    public double? FalsePositiveRate => Negatives == 0 ? null : (double)FalsePositives / Negatives;

    public static IReadOnlyList<EvalSummary> From(IEnumerable<EvalRow> rows, bool withTotals = true)
    {
        var list = rows.ToList();
        var groups = list.GroupBy(r => (r.Stage, r.Source))
            .OrderBy(g => g.Key.Stage, StringComparer.Ordinal).ThenBy(g => g.Key.Source, StringComparer.Ordinal)
            .Select(g => Of(g.Key.Stage, g.Key.Source, g.ToList())).ToList();
        if (withTotals)
        {
            foreach (var stage in list.Select(r => r.Stage).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                groups.Add(Of(stage, "(all)", list.Where(r => r.Stage == stage).ToList()));
        }
        return groups;
    }

    private static EvalSummary Of(string stage, string source, List<EvalRow> rows)
    {
        var ms = rows.Select(r => r.Milliseconds).Order().ToArray();
        return new EvalSummary(stage, source,
            rows.Count(r => r.ShouldFlag), rows.Count(r => r.ShouldFlag && r.Flagged),
            rows.Count(r => !r.ShouldFlag), rows.Count(r => !r.ShouldFlag && r.Flagged),
            Percentile(ms, 0.50), Percentile(ms, 0.99));
    }

    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return 0;
        var index = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
