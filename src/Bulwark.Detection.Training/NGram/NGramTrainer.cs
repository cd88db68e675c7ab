using Bulwark.Detection.NGram;

namespace Bulwark.Detection.Training.NGram;

/// <summary>
/// Trains a <see cref="HashedNGramModel"/>: multi-head logistic regression with AdaGrad, examples visited in a
/// seeded shuffled order, single-threaded so that the same seed and data give byte-identical weights.
/// Heads are balanced: positives and negatives of each head carry equal total weight.
/// </summary>
public sealed class NGramTrainer
{
    private readonly NGramTrainerOptions _options;

    public NGramTrainer(NGramTrainerOptions? options = null)
    {
        _options = options ?? new NGramTrainerOptions();
        var errors = _options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
    }

    public HashedNGramModel Train(string name, IReadOnlyList<string> heads, IReadOnlyList<TrainingExample> examples, CancellationToken cancellationToken = default)
    {
        var h = heads.Count;
        if (h is < 1 or > HeadScores.MaxHeads) throw new ArgumentOutOfRangeException(nameof(heads));
        var buckets = 1 << _options.BucketBits;
        var w = new float[buckets * h];
        var g2 = new float[buckets * h];
        var bias = new float[h];
        var biasG2 = new float[h];

        // Per-head class balance.
        var pos = new double[h];
        var neg = new double[h];
        foreach (var e in examples)
        {
            for (var k = 0; k < h; k++)
            {
                var t = e.Targets[k];
                if (float.IsNaN(t)) continue;
                if (t >= 0.5f) pos[k] += e.Weight; else neg[k] += e.Weight;
            }
        }
        var posWeight = new float[h];
        var negWeight = new float[h];
        for (var k = 0; k < h; k++)
        {
            var total = pos[k] + neg[k];
            posWeight[k] = pos[k] > 0 ? (float)(total / (2 * pos[k])) : 0f;
            negWeight[k] = neg[k] > 0 ? (float)(total / (2 * neg[k])) : 0f;
        }

        var order = Enumerable.Range(0, examples.Count).ToArray();
        var rng = new Random(_options.Seed);
        var features = new List<(int Bucket, float Sign)>(8192);
        var grad = new float[h];
        const float eps = 1e-6f;
        var lr = _options.LearningRate;
        var l2 = _options.L2;
        for (var epoch = 0; epoch < _options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            foreach (var index in order)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var e = examples[index];
                features.Clear();
                var sink = new CollectingSink(features);
                NGramFeaturizer.Visit(e.Text, _options.BucketBits, ref sink);
                if (features.Count == 0) continue;
                var norm = 1f / MathF.Sqrt(features.Count);
                var any = false;
                for (var k = 0; k < h; k++)
                {
                    var t = e.Targets[k];
                    if (float.IsNaN(t)) { grad[k] = 0; continue; }
                    var z = bias[k];
                    foreach (var (b, s) in features) z += w[b * h + k] * s * norm;
                    var p = HashedNGramModel.Sigmoid(z);
                    var cw = t >= 0.5f ? posWeight[k] : negWeight[k];
                    grad[k] = (p - t) * e.Weight * cw;
                    any |= grad[k] != 0;
                }
                if (!any) continue;
                foreach (var (b, s) in features)
                {
                    var v = s * norm;
                    var offset = b * h;
                    for (var k = 0; k < h; k++)
                    {
                        if (grad[k] == 0) continue;
                        var i = offset + k;
                        var gi = grad[k] * v + l2 * w[i];
                        g2[i] += gi * gi;
                        w[i] -= lr * gi / (MathF.Sqrt(g2[i]) + eps);
                    }
                }
                for (var k = 0; k < h; k++)
                {
                    if (grad[k] == 0) continue;
                    biasG2[k] += grad[k] * grad[k];
                    bias[k] -= lr * grad[k] / (MathF.Sqrt(biasG2[k]) + eps);
                }
            }
        }

        // Quantise: one scale per head.
        var scale = new float[h];
        for (var k = 0; k < h; k++)
        {
            var max = 0f;
            for (var b = 0; b < buckets; b++) max = Math.Max(max, Math.Abs(w[b * h + k]));
            scale[k] = max > 0 ? max / 127f : 1f;
        }
        var q = new sbyte[buckets * h];
        for (var b = 0; b < buckets; b++)
        {
            for (var k = 0; k < h; k++)
            {
                var v = MathF.Round(w[b * h + k] / scale[k]);
                q[b * h + k] = (sbyte)Math.Clamp(v, -127f, 127f);
            }
        }
        var thresholds = Enumerable.Repeat(0.5f, h).ToArray();
        return new HashedNGramModel(name, _options.BucketBits, heads, bias, scale, thresholds, q);
    }
}
