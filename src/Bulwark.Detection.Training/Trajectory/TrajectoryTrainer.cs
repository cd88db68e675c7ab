using Bulwark.Detection.NGram;
using Bulwark.Detection.Trajectory;

namespace Bulwark.Detection.Training.Trajectory;

/// <summary>
/// Fits a <see cref="TrajectoryHead"/>: class-balanced logistic regression (AdaGrad, seeded, single-threaded) on the
/// features of multi-turn rows, threshold at <paramref name="fprTarget"/> of the benign conversations.
/// </summary>
public static class TrajectoryTrainer
{
    public const int Epochs = 300;

    public static TrajectoryHead? Fit(IReadOnlyList<float[]> features, IReadOnlyList<bool> positive, int seed, double fprTarget = 0.05)
    {
        var pos = positive.Count(p => p);
        var neg = positive.Count - pos;
        if (pos < 5 || neg < 5) return null;
        var w = new float[TrajectoryHead.FeatureCount];
        var g2 = new float[w.Length];
        var order = Enumerable.Range(0, features.Count).ToArray();
        var rng = new Random(seed);
        float pw = positive.Count / (2f * pos), nw = positive.Count / (2f * neg);
        const float rate = 0.1f, l2 = 1e-3f;
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            rng.Shuffle(order);
            foreach (var i in order)
            {
                var x = features[i];
                var z = 0f;
                for (var d = 0; d < w.Length; d++) z += w[d] * x[d];
                var t = positive[i] ? 1f : 0f;
                var g = (HashedNGramModel.Sigmoid(z) - t) * (positive[i] ? pw : nw);
                for (var d = 0; d < w.Length; d++)
                {
                    var gd = g * x[d] + (d < w.Length - 1 ? l2 * w[d] : 0f);
                    g2[d] += gd * gd;
                    w[d] -= rate * gd / (MathF.Sqrt(g2[d]) + 1e-6f);
                }
            }
        }
        var head = new TrajectoryHead(w, 0.5f);
        var benign = Enumerable.Range(0, features.Count).Where(i => !positive[i]).Select(i => head.Raw(features[i])).ToList();
        var threshold = Training.ThresholdPicker.ForFpr(benign, fprTarget);
        return new TrajectoryHead(w, threshold);
    }
}
