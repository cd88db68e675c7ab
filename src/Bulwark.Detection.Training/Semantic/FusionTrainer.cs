using Bulwark.Detection.Semantic;

namespace Bulwark.Detection.Training.Semantic;

/// <summary>
/// Fits a <see cref="FusionHead"/> (class-balanced, weighted logistic regression, AdaGrad), seeded and single-threaded,
/// projected after every step onto the monotone set: for every length the weight of each score stays non-negative.
/// </summary>
public static class FusionTrainer
{
    /// <param name="rows">Per example: calibrated n-gram score, calibrated semantic score, text length, target (0/1), weight.</param>
    public static float[] Fit(IReadOnlyList<(float NGram, float Semantic, int Length, float Target, float Weight)> rows, int seed, int epochs = 30)
    {
        var beta = new double[FusionHead.FeatureCount];
        if (rows.Count == 0) return [1f, 1f, 0f, 0f, 0f];
        var g2 = new double[beta.Length];
        double pos = 0, neg = 0;
        foreach (var r in rows) if (r.Target >= 0.5f) pos += r.Weight; else neg += r.Weight;
        if (pos <= 0 || neg <= 0) return [1f, 1f, 0f, 0f, 0f];
        var pw = (pos + neg) / (2 * pos);
        var nw = (pos + neg) / (2 * neg);
        var x = new float[rows.Count][];
        for (var i = 0; i < rows.Count; i++)
        {
            x[i] = new float[FusionHead.FeatureCount];
            FusionHead.Features(rows[i].NGram, rows[i].Semantic, rows[i].Length, x[i]);
        }
        var order = Enumerable.Range(0, rows.Count).ToArray();
        var rng = new Random(seed);
        for (var e = 0; e < epochs; e++)
        {
            rng.Shuffle(order);
            foreach (var i in order)
            {
                double z = 0;
                for (var j = 0; j < beta.Length; j++) z += beta[j] * x[i][j];
                var p = 1 / (1 + Math.Exp(-z));
                var t = rows[i].Target;
                var g = (p - t) * rows[i].Weight * (t >= 0.5f ? pw : nw);
                for (var j = 0; j < beta.Length; j++)
                {
                    var gj = g * x[i][j] + 1e-4 * beta[j];
                    g2[j] += gj * gj;
                    beta[j] -= 0.1 * gj / (Math.Sqrt(g2[j]) + 1e-8);
                }
                Monotone(beta);
            }
        }
        return beta.Select(b => (float)b).ToArray();
    }

    /// <summary>Weight of score s at length share u is beta[s] + beta[s + 2]·u; keep it non-negative for u in [0, 1].</summary>
    private static void Monotone(double[] beta)
    {
        for (var s = 0; s < 2; s++)
        {
            beta[s] = Math.Max(0, beta[s]);
            beta[s + 2] = Math.Max(-beta[s], beta[s + 2]);
        }
    }
}
