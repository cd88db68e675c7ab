using Bulwark.Detection.Semantic;
using Bulwark.Detection.Training.Semantic;

namespace Bulwark.Detection.Tests.Semantic;

public class FusionHeadTests
{
    [Fact]
    public void Fit_SemanticAloneSeparates_LearnsToTrustSemantic()
    {
        // The n-gram score is noise; the semantic score carries the label.
        var rng = new Random(3);
        var rows = Enumerable.Range(0, 400).Select(i =>
        {
            var positive = i % 2 == 0;
            return ((float)rng.NextDouble(), positive ? 0.8f : 0.2f, 100 + i, positive ? 1f : 0f, 1f);
        }).ToList();
        var head = new FusionHead(FusionTrainer.Fit(rows, seed: 7), 0.5f);
        Assert.True(head.Score(0.9f, 0.2f, 150) < 0.5f, "a confident n-gram alone must not decide");
        Assert.True(head.Score(0.1f, 0.8f, 150) >= 0.5f);
    }

    [Fact]
    public void Features_OnlyScaleScoresByLength_NoStandaloneLengthTerm()
    {
        Span<float> shortText = stackalloc float[FusionHead.FeatureCount];
        Span<float> longText = stackalloc float[FusionHead.FeatureCount];
        FusionHead.Features(0.5f, 0.5f, 10, shortText);
        FusionHead.Features(0.5f, 0.5f, 100_000, longText);
        // At the calibrated thresholds both logits are 0: length must then change nothing.
        Assert.Equal(shortText.ToArray(), longText.ToArray());
    }

    [Fact]
    public void Fit_AnyData_IsMonotoneInBothScores()
    {
        var rng = new Random(8);
        var rows = Enumerable.Range(0, 300).Select(i => ((float)rng.NextDouble(), (float)rng.NextDouble(), rng.Next(1, 4000), rng.Next(2) * 1f, 1f)).ToList();
        var head = new FusionHead(FusionTrainer.Fit(rows, seed: 2), 0.5f);
        foreach (var len in new[] { 10, 500, 5000 })
        {
            Assert.True(head.Raw(0.9f, 0.5f, len) >= head.Raw(0.1f, 0.5f, len));
            Assert.True(head.Raw(0.5f, 0.9f, len) >= head.Raw(0.5f, 0.1f, len));
        }
    }

    [Fact]
    public void Fit_SameSeed_IsDeterministic()
    {
        var rows = Enumerable.Range(0, 100).Select(i => (i / 100f, 1 - i / 100f, i * 10, i % 3 == 0 ? 1f : 0f, 1f)).ToList();
        Assert.Equal(FusionTrainer.Fit(rows, 5), FusionTrainer.Fit(rows, 5));
    }

    [Fact]
    public void Score_AtThreshold_IsHalf()
    {
        var head = new FusionHead([1f, 1f, 0f, 0f, 0f], 0.7f);
        // Raw = sigmoid(logit(n) + logit(s)); with n = s = 0.5 the raw probability is 0.5, below the 0.7 threshold.
        Assert.True(head.Score(0.5f, 0.5f, 10) < 0.5f);
        Assert.Equal(0.5f, head.Score(0.7f, 0.5f, 10), 3);
    }

    [Fact]
    public void Constructor_WrongShape_Throws()
    {
        Assert.Throws<ArgumentException>(() => new FusionHead([1f], 0.5f));
        Assert.Throws<ArgumentException>(() => new FusionHead([1f, 1f, 0f, 0f, 0f], 1.5f));
    }

    [Fact]
    public void SaveLoad_WithFusion_RoundTrips()
    {
        var heads = new SemanticHeads(2, ["jailbreak"], [[0.5f, -0.5f]], [0.1f], [0.6f],
            new Dictionary<string, FusionHead> { ["jailbreak"] = new([0.3f, 1.2f, 0.1f, -0.2f, -1f], 0.65f) });
        using var ms = new MemoryStream();
        heads.Save(ms);
        ms.Position = 0;
        var loaded = SemanticHeads.Load(ms);
        var f = Assert.IsType<FusionHead>(loaded.FusionFor("jailbreak"));
        Assert.Equal([0.3f, 1.2f, 0.1f, -0.2f, -1f], f.Coefficients);
        Assert.Equal(0.65f, f.Threshold);
        Assert.Null(loaded.FusionFor("harmful"));
    }
}
