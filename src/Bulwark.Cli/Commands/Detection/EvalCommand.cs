using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bulwark.Core.Detection.Normalization;
using Bulwark.Core.Guards;
using Bulwark.Detection.Training;
using Spectre.Console;

namespace Bulwark.Cli.Commands.Detection;

/// <summary>
/// <c>bulwark eval --corpus FILE… [--policy NAME] [--holdout-source S…] [--json]</c>: runs every row through the guard
/// pipeline and prints, per source, recall on attack and harmful_request rows (harmful answers for output rows), the
/// false-positive rate on benign rows (safe answers) and latency p50/p99. With --holdout-source the learned detectors are
/// first retrained without those sources and only the held-out sources are evaluated.
/// </summary>
public sealed class EvalCommand : ICliCommand
{
    public Command Build()
    {
        var corpus = new Option<string[]>("--corpus") { Description = "Corpus JSONL files or folders of them; default: corpora and corpora/v2", AllowMultipleArgumentsPerToken = true };
        var policy = new Option<string>("--policy") { Description = "Policy name", DefaultValueFactory = _ => "default" };
        var holdout = new Option<string[]>("--holdout-source") { Description = "Retrain without these sources, then evaluate only them", AllowMultipleArgumentsPerToken = true };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON" };
        var maxPerSource = new Option<int>("--max-per-source") { Description = "Evaluate at most N rows per source (deterministic sample; 0 = all)", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Seed for retraining with --holdout-source", DefaultValueFactory = _ => 1234 };
        var noSemantic = new Option<bool>("--no-semantic") { Description = "With --holdout-source: retrain the n-gram models only (faster)" };
        var models = new Option<string?>("--models") { Description = "Evaluate weights from this folder (written by bulwark train) instead of the shipped ones" };
        var semanticModel = new Option<string>("--semantic-model") { Description = "mlp (one hidden layer over the embedding) or logistic (one linear head per category)", DefaultValueFactory = _ => "mlp" };
        semanticModel.AcceptOnlyFromAmong("mlp", "logistic");
        var semanticRows = new Option<int>("--semantic-rows") { Description = "With --holdout-source: train the semantic heads on at most N rows per source and label", DefaultValueFactory = _ => new TrainingOptions().SemanticRowsPerSourceLabel };
        var curve = new Option<bool>("--curve") { Description = "Also print the operating curve: recall per category and benign FPR at several learned-score thresholds" };
        var rowFolds = new Option<bool>("--row-folds") { Description = "Calibrate on row folds instead of whole-source folds (optimistic; for comparison)" };
        var command = new Command("eval", "Evaluate the guards on corpora: per-source recall, false-positive rate and latency.")
        {
            corpus, policy, holdout, json, maxPerSource, seed, models, noSemantic, rowFolds, semanticModel, curve, semanticRows,
        };
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var files = TrainingDefaults.ExpandCorpus(pr.GetValue(corpus) ?? []);
            var (prompts, outputs, skipped) = CorpusReader.ReadFiles(files);
            if (skipped > 0) Console.Error.WriteLine($"skipped {skipped} malformed corpus lines");
            var held = pr.GetValue(holdout) ?? [];
            var modelDir = pr.GetValue(models);
            if (modelDir is not null && !Directory.Exists(modelDir)) throw new CliUsageException($"model folder '{modelDir}' not found");
            // The weights retrained for --holdout-source live in a temporary folder that is removed afterwards.
            string? tempModels = null;
            // One normaliser for the run: what the models are retrained on is what the pipeline scans.
            var normalizer = new TextNormalizer();
            try
            {
                if (held.Length > 0)
                {
                    modelDir = tempModels = Path.Combine(Path.GetTempPath(), "bulwark-holdout-" + Guid.NewGuid().ToString("N")[..8]);
                    var options = new TrainingOptions
                    {
                        Seed = pr.GetValue(seed), ExcludeSources = held, Semantic = !pr.GetValue(noSemantic), FoldBySource = !pr.GetValue(rowFolds),
                        EmbeddingCacheDirectory = TrainingDefaults.EmbeddingCacheDirectory,
                        SemanticMlp = TrainingDefaults.SemanticMlp(pr.GetValue(semanticModel)),
                        SemanticRowsPerSourceLabel = Math.Max(1, pr.GetValue(semanticRows)),
                        Preprocess = TrainingDefaults.Preprocess(normalizer),
                    };
                    Console.Error.WriteLine($"retraining without {string.Join(", ", held)}");
                    new DetectorTrainer(options, Console.Error.WriteLine).Train(prompts, outputs, ct).Models.WriteTo(modelDir);
                    prompts = prompts.Where(p => held.Contains(p.Source)).ToList();
                    outputs = outputs.Where(o => held.Contains(o.Source)).ToList();
                }
                var max = pr.GetValue(maxPerSource);
                if (max > 0)
                {
                    prompts = prompts.GroupBy(p => p.Source).SelectMany(g => g.OrderBy(p => ExampleBuilder.Fold(p.Source, p.Id, 1_000_003)).Take(max)).ToList();
                    outputs = outputs.GroupBy(p => p.Source).SelectMany(g => g.OrderBy(p => ExampleBuilder.Fold(p.Source, p.Id, 1_000_003)).Take(max)).ToList();
                }
                // The curve needs every learned score, also those under the trained flag points that the gateway does not report.
                var wholeCurve = pr.GetValue(curve);
                if (wholeCurve) Console.Error.WriteLine("--curve: every classifier score is reported (ReportFloor 0), so the summary counts the policy's whole flag band");
                var runtime = DetectionRuntime.Create(pr.GetValue(policy), normalizer, modelDir, wholeCurve ? 0 : null);
                var results = new EvalRow[prompts.Count + outputs.Count];
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct };
                await Parallel.ForEachAsync(Enumerable.Range(0, results.Length), parallel, async (i, token) =>
                {
                    if (i < prompts.Count)
                    {
                        var p = prompts[i];
                        var v = p.IsConversation
                            ? await runtime.ScanTurnsAsync(p.Turns, token).ConfigureAwait(false)
                            : await runtime.ScanInputAsync(p.Text, token).ConfigureAwait(false);
                        var category = p.IsAttack ? CategoryMapping.AttackCategory(p) : p.IsHarmfulRequest ? CategoryMapping.HarmCategory(p) : BenignGroups.IsBorderline(p) ? "borderline" : "ordinary";
                        results[i] = Row("input", p.Source, p.ShouldFlag, v, category, Bulwark.Detection.DetectionGuards.ClassifierName);
                    }
                    else
                    {
                        var o = outputs[i - prompts.Count];
                        var v = await runtime.ScanOutputAsync(o.Prompt, o.Response, token).ConfigureAwait(false);
                        results[i] = Row("output", o.Source, o.IsHarmful, v, o.IsHarmful ? Categories.HarmfulOutput : "answer", Bulwark.Detection.DetectionGuards.OutputClassifierName);
                    }
                }).ConfigureAwait(false);
                var summary = EvalSummary.From(results);
                if (pr.GetValue(json)) Console.WriteLine(ToJson(summary));
                else Print(summary);
                if (pr.GetValue(curve))
                {
                    Console.WriteLine();
                    foreach (var line in OperatingCurve.Lines(results)) Console.WriteLine(line);
                }
            }
            finally
            {
                if (tempModels is not null)
                {
                    try { Directory.Delete(tempModels, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                }
            }
            return 0;
        });
        return command;
    }

    private static EvalRow Row(string stage, string source, bool shouldFlag, Verdict v, string category, string learnedGuard)
    {
        var learned = v.Guards.FirstOrDefault(g => g.Name == learnedGuard);
        var others = v.Guards.Any(g => g.Name != learnedGuard && g.Action != GuardAction.Allow);
        return new EvalRow(stage, source, shouldFlag, v.Action != GuardAction.Allow, v.Milliseconds, category, learned?.Score ?? 0, others);
    }

    private static string ToJson(IReadOnlyList<EvalSummary> rows) => new JsonObject
    {
        ["sources"] = new JsonArray(rows.Select(r => (JsonNode?)new JsonObject
        {
            ["stage"] = r.Stage, ["source"] = r.Source, ["positives"] = r.Positives, ["detected"] = r.Detected,
            ["recall"] = r.Recall, ["negatives"] = r.Negatives, ["falsePositives"] = r.FalsePositives,
            ["falsePositiveRate"] = r.FalsePositiveRate, ["p50Ms"] = Math.Round(r.P50Ms, 3), ["p99Ms"] = Math.Round(r.P99Ms, 3),
        }).ToArray()),
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private static string Pct(double? v) => v is { } x ? (x * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Ms(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    private static void Print(IReadOnlyList<EvalSummary> rows)
    {
        if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            var table = new Table().AddColumns("stage", "source", "positives", "recall", "benign", "FPR", "p50 ms", "p99 ms");
            foreach (var r in rows)
                table.AddRow(r.Stage, Markup.Escape(r.Source), r.Positives.ToString(CultureInfo.InvariantCulture), Pct(r.Recall),
                    r.Negatives.ToString(CultureInfo.InvariantCulture), Pct(r.FalsePositiveRate), Ms(r.P50Ms), Ms(r.P99Ms));
            AnsiConsole.Write(table);
            return;
        }
        Console.WriteLine($"{"stage",-7} {"source",-32} {"pos",6} {"recall",7} {"benign",6} {"FPR",7} {"p50ms",7} {"p99ms",7}");
        foreach (var r in rows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Stage,-7} {r.Source,-32} {r.Positives,6} {Pct(r.Recall),7} {r.Negatives,6} {Pct(r.FalsePositiveRate),7} {Ms(r.P50Ms),7} {Ms(r.P99Ms),7}"));
    }
}
