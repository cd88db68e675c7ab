using Bulwark.Detection.Semantic;

namespace Bulwark.Detection.Tests.Semantic;

/// <summary>An embedder gone wrong: every vector is NaN (what a corrupt model or a numeric fault would produce).</summary>
internal sealed class NaNEmbedder : ISentenceEmbedder
{
    public string Name => "nan";

    public int Dimension => 384;

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
        texts.Select(_ => Enumerable.Repeat(float.NaN, Dimension).ToArray()).ToArray();
}
