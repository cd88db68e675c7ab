using Bulwark.Core.Guards;
using Bulwark.Detection.Semantic;
using Bulwark.Detection.Training.Semantic;

namespace Bulwark.Cli.Commands.Detection;

/// <summary>What <c>bulwark train</c> and <c>bulwark eval --holdout-source</c> share: the embedding cache and the preprocessing.</summary>
internal static class TrainingDefaults
{
    /// <summary>Embeddings are cached here between runs (never inside the repository).</summary>
    public static string EmbeddingCacheDirectory => Path.Combine(Path.GetTempPath(), "bulwark-embeddings");

    /// <summary>The repository's own corpora, used when <c>--corpus</c> is not given (run from the repository root).</summary>
    public static readonly IReadOnlyList<string> DefaultCorpus = ["corpora", Path.Combine("corpora", "v2")];

    /// <summary>
    /// Corpus arguments as files: a folder stands for its <c>*.jsonl</c> files (not recursive), in ordinal order, so that
    /// a new file in corpora/v2 is trained on without changing the command. Missing paths are a usage error.
    /// </summary>
    public static IReadOnlyList<string> ExpandCorpus(IReadOnlyList<string> paths)
    {
        var files = new List<string>();
        foreach (var p in paths.Count == 0 ? DefaultCorpus : paths)
        {
            if (Directory.Exists(p)) files.AddRange(Directory.GetFiles(p, "*.jsonl").Order(StringComparer.Ordinal));
            else if (File.Exists(p)) files.Add(p);
            else throw new CliUsageException($"corpus file or folder '{p}' not found");
        }
        return files;
    }

    /// <summary>The semantic model choice of <c>--semantic-model</c>: "mlp" (default) or "logistic".</summary>
    public static MlpTrainerOptions? SemanticMlp(string? choice) => choice switch
    {
        null or "mlp" => new MlpTrainerOptions(),
        "logistic" => null,
        _ => throw new CliUsageException($"unknown semantic model '{choice}' (mlp or logistic)"),
    };

    /// <summary>Models learn the text the guards see: the output of the normaliser the pipeline uses.</summary>
    public static Func<string, string> Preprocess(ITextNormalizer normalizer) => text => normalizer.Normalize(text).Text;
}
