using Bulwark.Detection.Semantic;

namespace Bulwark.Detection.Training.Semantic;

/// <summary>Trains <see cref="SemanticHeads"/> with AdaGrad logistic regression on embeddings, seeded and single-threaded (deterministic).</summary>
public static class SemanticHeadTrainer
{
    /// <param name="targets">Per example, per head: 1, 0 or NaN (ignored).</param>
    public static SemanticHeads Train(IReadOnlyList<string> heads, IReadOnlyList<float[]> embeddings, IReadOnlyList<float[]> targets,
        IReadOnlyList<float> weights, int seed, int epochs = 20, float learningRate = 0.2f, float l2 = 1e-4f, CancellationToken cancellationToken = default)
    {
        var h = heads.Count;
        var dim = embeddings.Count > 0 ? embeddings[0].Length : 384;
        var w = new float[h][];
        var g2 = new float[h][];
        for (var k = 0; k < h; k++) { w[k] = new float[dim]; g2[k] = new float[dim]; }
        var bias = new float[h];
        var biasG2 = new float[h];
        var balance = MlpTrainer.BalanceFactors(targets, weights, h);
        var order = Enumerable.Range(0, embeddings.Count).ToArray();
        var rng = new Random(seed);
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            rng.Shuffle(order);
            foreach (var i in order)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var x = embeddings[i];
                for (var k = 0; k < h; k++)
                {
                    var t = targets[i][k];
                    if (float.IsNaN(t)) continue;
                    var wk = w[k];
                    var z = bias[k];
                    for (var d = 0; d < dim; d++) z += wk[d] * x[d];
                    var p = 1f / (1f + MathF.Exp(-z));
                    var g = (p - t) * weights[i] * (t >= 0.5f ? balance[2 * k] : balance[2 * k + 1]);
                    var gk = g2[k];
                    for (var d = 0; d < dim; d++)
                    {
                        var gd = g * x[d] + l2 * wk[d];
                        gk[d] += gd * gd;
                        wk[d] -= learningRate * gd / (MathF.Sqrt(gk[d]) + 1e-6f);
                    }
                    biasG2[k] += g * g;
                    bias[k] -= learningRate * g / (MathF.Sqrt(biasG2[k]) + 1e-6f);
                }
            }
        }
        return new SemanticHeads(dim, heads, w, bias, Enumerable.Repeat(0.5f, h).ToArray());
    }
}
