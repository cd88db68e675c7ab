using Bulwark.Core.Detection.Normalization;

namespace Bulwark.Cli.Commands.Detection;

/// <summary>What <c>bulwark train</c> and <c>bulwark eval --holdout-source</c> share: the embedding cache and the preprocessing.</summary>
internal static class TrainingDefaults
{
    /// <summary>Embeddings are cached here between runs (never inside the repository).</summary>
    public static string EmbeddingCacheDirectory => Path.Combine(Path.GetTempPath(), "bulwark-embeddings");

    /// <summary>Models learn the text the guards see: the pipeline's normaliser output.</summary>
    public static string Preprocess(string text) => TextNormalizer.Shared.Normalize(text).Text;
}
