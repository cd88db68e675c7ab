namespace Bulwark.Detection.Semantic;

/// <summary>Turns texts into fixed-size sentence embeddings (one per text, L2-normalised).</summary>
public interface ISentenceEmbedder
{
    string Name { get; }

    int Dimension { get; }

    float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken);
}
