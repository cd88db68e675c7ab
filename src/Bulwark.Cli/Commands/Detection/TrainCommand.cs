using System.CommandLine;
using System.Globalization;
using Bulwark.Core.Detection.Normalization;
using Bulwark.Detection.Training;

namespace Bulwark.Cli.Commands.Detection;

/// <summary><c>bulwark train --corpus FILE… --out DIR [--seed N] [--exclude-source S…]</c>: trains the learned detectors deterministically.</summary>
public sealed class TrainCommand : ICliCommand
{
    public Command Build()
    {
        var corpus = new Option<string[]>("--corpus") { Description = "Corpus JSONL files or folders of them (prompt rows and/or output rows); default: corpora and corpora/v2", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "Folder to write the weights and MODEL_CARD.md to", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed and data give the same weights)", DefaultValueFactory = _ => 1234 };
        var exclude = new Option<string[]>("--exclude-source") { Description = "Sources to leave out", AllowMultipleArgumentsPerToken = true };
        var noSemantic = new Option<bool>("--no-semantic") { Description = "Skip the semantic heads (n-gram models only)" };
        var cache = new Option<string?>("--embedding-cache") { Description = "Folder for cached embeddings (default: a bulwark folder under the temp directory)" };
        var semanticRows = new Option<int>("--semantic-rows") { Description = "Train the semantic heads on at most N rows per source and label (encoding is the costly step)", DefaultValueFactory = _ => new TrainingOptions().SemanticRowsPerSourceLabel };
        var semanticModel = new Option<string>("--semantic-model") { Description = "mlp (one hidden layer over the embedding) or logistic (one linear head per category)", DefaultValueFactory = _ => "mlp" };
        semanticModel.AcceptOnlyFromAmong("mlp", "logistic");
        var rowFolds = new Option<bool>("--row-folds") { Description = "Calibrate on row folds instead of whole-source folds (optimistic; for comparison)" };
        var command = new Command("train", "Train the learned detectors (n-gram models and semantic heads) from corpora; writes weights and a model card.")
        {
            corpus, output, seed, exclude, noSemantic, cache, semanticRows, rowFolds, semanticModel,
        };
        command.SetAction((ParseResult pr, CancellationToken ct) =>
        {
            var files = TrainingDefaults.ExpandCorpus(pr.GetValue(corpus) ?? []);
            var dir = pr.GetValue(output)!;
            var (prompts, outputs, skipped) = CorpusReader.ReadFiles(files);
            if (skipped > 0) Console.Error.WriteLine($"skipped {skipped} malformed corpus lines");
            var options = new TrainingOptions
            {
                Seed = pr.GetValue(seed),
                ExcludeSources = pr.GetValue(exclude) ?? [],
                Semantic = !pr.GetValue(noSemantic),
                EmbeddingCacheDirectory = pr.GetValue(cache) ?? TrainingDefaults.EmbeddingCacheDirectory,
                SemanticRowsPerSourceLabel = Math.Max(1, pr.GetValue(semanticRows)),
                FoldBySource = !pr.GetValue(rowFolds),
                SemanticMlp = TrainingDefaults.SemanticMlp(pr.GetValue(semanticModel)),
                Preprocess = TrainingDefaults.Preprocess(new TextNormalizer()),
            };
            TrainingResult result;
            try
            {
                result = new DetectorTrainer(options, Console.Error.WriteLine).Train(prompts, outputs, ct);
            }
            catch (ArgumentException ex)
            {
                throw new CliUsageException(ex.Message);
            }
            result.Models.WriteTo(dir);
            var commandLine = "bulwark train " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1).SkipWhile(a => a != "train").Skip(1));
            File.WriteAllText(Path.Combine(dir, "MODEL_CARD.md"), ModelCardWriter.Write(result, options, commandLine));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {dir} ({result.PromptRows} prompt rows, {result.OutputRows} output rows)"));
            return Task.FromResult(0);
        });
        return command;
    }
}
