using Bulwark.Detection.Semantic;
using Bulwark.Detection.Training.Semantic;
using Bulwark.Testing.Detection;

namespace Bulwark.Detection.Training.Tests.Semantic;

public class SemanticHeadTrainerTests
{
    private static SemanticHeads Train(int seed)
    {
        var emb = new FakeEmbedder();
        var texts = Enumerable.Range(0, 50).SelectMany(i => new[] { $"attack number {i}", $"lemon cake {i}" }).ToArray();
        var vectors = emb.Embed(texts, default);
        var targets = texts.Select(t => new[] { t.StartsWith("attack", StringComparison.Ordinal) ? 1f : 0f }).ToArray();
        return SemanticHeadTrainer.Train(["attack"], vectors, targets, Enumerable.Repeat(1f, texts.Length).ToArray(), seed, epochs: 10);
    }

    [Fact]
    public void Train_SeparableEmbeddings_LearnsHead()
    {
        var heads = Train(1);
        var emb = new FakeEmbedder();
        var scores = SemanticScorer.Score(emb, heads, ["an attack here", "a cake there"], default);
        Assert.True(scores[0][0] > 0.5f);
        Assert.True(scores[1][0] < 0.5f);
        Assert.Equal(1, emb.Calls);
    }

    [Fact]
    public void Train_SameSeed_IsDeterministic()
    {
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        Train(9).Save(a);
        Train(9).Save(b);
        Assert.Equal(a.ToArray(), b.ToArray());
    }

    [Fact]
    public void Score_100kCharacterText_EncodesAtMostEightWindows()
    {
        var emb = new FakeEmbedder();
        SemanticScorer.Score(emb, Train(1), [new string('x', 100_000)], default);
        Assert.InRange(emb.Texts, 1, SemanticWindows.MaxWindows);
    }
}
