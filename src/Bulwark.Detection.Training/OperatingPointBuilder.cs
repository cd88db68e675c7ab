using Bulwark.Core.Guards;
using Bulwark.Detection.Guards;
using Bulwark.Detection.Models;
using Bulwark.Detection.NGram;

namespace Bulwark.Detection.Training;

/// <summary>
/// Builds the per-category operating points from out-of-fold scores: the block point is the trained threshold (reported
/// at the policy anchor, 0.8 for attacks and 0.7 for harms), the flag point the looser threshold that keeps ordinary benign
/// rows at <see cref="FlagOrdinaryFpr"/> and borderline ones at <see cref="FlagBorderlineFpr"/>, and the curve the recall and
/// false-positive rates at thresholds set for a grid of ordinary false-positive rates. Harm categories share the
/// <c>harmful</c> head's scores; their recall counts only that category's rows.
/// </summary>
public static class OperatingPointBuilder
{
    public static readonly double[] OrdinaryFprGrid = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.10];

    public const double FlagOrdinaryFpr = 0.02;

    public const double FlagBorderlineFpr = 0.10;

    public const int MinimumPositives = 10;

    /// <param name="raw">Per row, raw (uncalibrated) scores of the <see cref="DetectorHeads.Input"/> heads.</param>
    /// <param name="block">Per head, the trained raw threshold (the block point).</param>
    public static OperatingPoints Build(IReadOnlyList<CorpusRow> rows, IReadOnlyList<float[]> raw, IReadOnlyList<float> block)
    {
        var result = new List<CategoryOperatingPoints>();
        var ordinary = Enumerable.Range(0, rows.Count).Where(i => rows[i].IsBenign && !BenignGroups.IsBorderline(rows[i])).ToArray();
        var borderline = Enumerable.Range(0, rows.Count).Where(i => rows[i].IsBenign && BenignGroups.IsBorderline(rows[i])).ToArray();
        var harmful = DetectorHeads.Input.Count - 1;
        for (var k = 0; k < DetectorHeads.Input.Count; k++)
        {
            var head = DetectorHeads.Input[k];
            var positives = Enumerable.Range(0, rows.Count).Where(i => DetectorHeads.InputTargets(rows[i])[k] == 1f).ToArray();
            if (positives.Length >= MinimumPositives) result.Add(For(head, k, positives));
            if (k != harmful) continue;
            foreach (var harm in Categories.Harms.Where(c => c != Categories.Harmful))
            {
                var own = positives.Where(i => CategoryMapping.HarmCategory(rows[i]) == harm).ToArray();
                if (own.Length >= MinimumPositives) result.Add(For(harm, k, own));
            }
        }
        return new OperatingPoints(result);

        CategoryOperatingPoints For(string category, int k, int[] positives)
        {
            var ord = ordinary.Select(i => raw[i][k]).ToList();
            var bord = borderline.Select(i => raw[i][k]).ToList();
            var anchor = ScoreAnchors.For(category);
            double Reported(float t) => Math.Round(ScoreAnchors.Apply(HashedNGramModel.Calibrate(t, block[k]), anchor), 4);
            double Rate(IEnumerable<int> idx, float t)
            {
                var n = 0;
                var hit = 0;
                foreach (var i in idx)
                {
                    n++;
                    if (raw[i][k] >= t) hit++;
                }
                return n == 0 ? 0 : Math.Round((double)hit / n, 4);
            }
            var flag = Math.Min(block[k], Math.Max(ThresholdPicker.ForFpr(ord, FlagOrdinaryFpr), ThresholdPicker.ForFpr(bord, FlagBorderlineFpr)));
            var thresholds = OrdinaryFprGrid.Select(f => ThresholdPicker.ForFpr(ord, f)).Append(block[k]).Append(flag)
                .Distinct().OrderByDescending(t => t).ToArray();
            var curve = thresholds.Select(t => new OperatingPoint(Reported(t), Rate(positives, t), Rate(ordinary, t), Rate(borderline, t))).ToArray();
            return new CategoryOperatingPoints(category, Reported(flag), Reported(block[k]), curve);
        }
    }
}
