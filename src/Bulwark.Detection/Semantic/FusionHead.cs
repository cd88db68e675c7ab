using Bulwark.Detection.NGram;

namespace Bulwark.Detection.Semantic;

/// <summary>
/// How one head's n-gram and semantic scores combine when the cascade ran both: a small logistic model over the
/// logits of the two calibrated scores, each also weighted by how long the text is (n-gram evidence is thin on
/// short texts), trained on out-of-fold scores. It is monotone in both scores (a higher score never lowers the
/// fused one) and has no length term of its own: length only shifts weight between the two scores' evidence. <see cref="Threshold"/> is the fused probability chosen at
/// training time; <see cref="Score"/> maps it to 0.5 like every other calibrated score.
/// </summary>
public sealed class FusionHead
{
    public const int FeatureCount = 5;

    /// <summary>Texts this long (characters) or longer count as fully "long" in the length feature.</summary>
    public const int LongText = 1000;

    private readonly float[] _coefficients;

    public FusionHead(IReadOnlyList<float> coefficients, float threshold)
    {
        if (coefficients.Count != FeatureCount) throw new ArgumentException($"a fusion head has {FeatureCount} coefficients");
        if (!(threshold > 0f && threshold < 1f)) throw new ArgumentException("fusion threshold must be in (0, 1)");
        _coefficients = coefficients.ToArray();
        Threshold = threshold;
    }

    public IReadOnlyList<float> Coefficients => _coefficients;

    public float Threshold { get; }

    public FusionHead WithThreshold(float threshold) => new(_coefficients, threshold);

    /// <summary>The features of one text: logits of both calibrated scores, the same scaled by length, a bias.</summary>
    public static void Features(float ngram, float semantic, int length, Span<float> features)
    {
        var a = Logit(ngram);
        var b = Logit(semantic);
        var u = Math.Min(1f, length / (float)LongText);
        features[0] = a;
        features[1] = b;
        features[2] = a * u;
        features[3] = b * u;
        features[4] = 1f;
    }

    /// <summary>Fused probability (before calibration).</summary>
    public float Raw(float ngram, float semantic, int length)
    {
        Span<float> f = stackalloc float[FeatureCount];
        Features(ngram, semantic, length, f);
        var z = 0f;
        for (var i = 0; i < FeatureCount; i++) z += _coefficients[i] * f[i];
        return HashedNGramModel.Sigmoid(z);
    }

    /// <summary>Calibrated fused score: 0.5 at the trained threshold.</summary>
    public float Score(float ngram, float semantic, int length) => HashedNGramModel.Calibrate(Raw(ngram, semantic, length), Threshold);

    private static float Logit(float p)
    {
        var q = Math.Clamp(p, 1e-4f, 1f - 1e-4f);
        return MathF.Log(q / (1f - q));
    }
}
