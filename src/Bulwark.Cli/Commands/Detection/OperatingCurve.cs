using System.Globalization;

namespace Bulwark.Cli.Commands.Detection;

/// <summary>
/// Recall and false-positive pairs when the learned guard alone moves its operating point: a row counts as flagged at
/// threshold x when another guard flagged it or the learned score reaches x. Recall is per category of the positive rows;
/// false positives are on ordinary and borderline benign rows.
/// </summary>
internal static class OperatingCurve
{
    public static readonly double[] Thresholds = [0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];

    public static IReadOnlyList<string> Lines(IReadOnlyList<EvalRow> rows)
    {
        var lines = new List<string>();
        var inv = CultureInfo.InvariantCulture;
        foreach (var stage in rows.Select(r => r.Stage).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var s = rows.Where(r => r.Stage == stage).ToList();
            var groups = s.GroupBy(r => r.ShouldFlag ? r.Category : "FPR " + r.Category)
                .OrderBy(g => g.Key.StartsWith("FPR", StringComparison.Ordinal)).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
            lines.Add($"{"stage",-7} {"category (recall) / benign (FPR)",-34} {"rows",6} " + string.Join(" ", Thresholds.Select(t => ("≥" + t.ToString("0.##", inv)).PadLeft(7))));
            foreach (var g in groups)
            {
                var n = g.Count();
                var cells = Thresholds.Select(t => (100.0 * g.Count(r => r.OthersFlagged || r.LearnedScore >= t) / n).ToString("0.0", inv).PadLeft(6) + "%");
                lines.Add($"{stage,-7} {g.Key,-34} {n,6} " + string.Join(" ", cells));
            }
        }
        return lines;
    }
}
