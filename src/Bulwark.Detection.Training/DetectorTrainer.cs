using Bulwark.Detection.Models;
using Bulwark.Detection.NGram;
using Bulwark.Detection.Semantic;
using Bulwark.Detection.Trajectory;
using Bulwark.Detection.Training.NGram;
using Bulwark.Detection.Training.Semantic;
using Bulwark.Detection.Training.Trajectory;

namespace Bulwark.Detection.Training;

/// <summary>
/// Trains every learned detector from corpus rows, deterministically for a given seed: the input n-gram model,
/// the output n-gram model and (optionally) the semantic heads. Thresholds are chosen on out-of-fold scores of
/// the benign rows (ordinary and borderline separately) so that shipped scores are calibrated to 0.5.
/// </summary>
public sealed class DetectorTrainer(TrainingOptions options, Action<string>? log = null, ISentenceEmbedder? embedder = null)
{
    public TrainingResult Train(IReadOnlyList<CorpusRow> allPrompts, IReadOnlyList<OutputRow> allOutputs, CancellationToken cancellationToken = default)
    {
        bool Use(string source) => !options.ExcludeSources.Contains(source) && (!options.ShippableOnly || SourceLicences.MayShip(source));
        var prompts = allPrompts.Where(r => Use(r.Source) && !CategoryMapping.IsCopyrightOnly(r) && r.Text.Length > 0)
            .OrderBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var outputs = allOutputs.Where(r => Use(r.Source) && r.Response.Length > 0)
            .OrderBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        // A multi-turn row is learned as the classifier sees it: its joined user turns (its "text" is only the last turn).
        prompts = prompts.Select(r => r.IsConversation ? r with { Text = JoinedTurns(r.UserTurns) } : r).ToList();
        if (options.Preprocess is { } pre)
        {
            prompts = prompts.AsParallel().AsOrdered().Select(r => r with
            {
                Text = pre(r.Text),
                Turns = r.Turns.Select(t => t.IsUser ? t with { Content = pre(t.Content) } : t).ToArray(),
            }).ToList();
            outputs = outputs.AsParallel().AsOrdered().Select(r => r with { Response = pre(r.Response) }).ToList();
        }
        if (prompts.Count == 0) throw new ArgumentException("no usable prompt rows to train on");
        if (outputs.Count == 0) throw new ArgumentException("no usable output rows to train on");
        log?.Invoke($"training on {prompts.Count} prompt rows and {outputs.Count} output rows from {prompts.Select(p => p.Source).Concat(outputs.Select(o => o.Source)).Distinct().Count()} sources");

        var promptWeights = ExampleBuilder.SourceWeights(prompts.Select(p => p.Source), options.SourceWeightCap);
        var outputWeights = ExampleBuilder.SourceWeights(outputs.Select(p => p.Source), options.SourceWeightCap);
        var folds = Math.Max(1, options.CalibrationFolds);
        var trainer = new NGramTrainer(options.NGram with { Seed = options.Seed });
        var rates = new List<SourceRate>();

        // Input n-gram.
        var inputOof = new float[prompts.Count][];
        var trajectoryFeatures = new float[prompts.Count][];
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, prompts.Count).Where(i => folds == 1 || FoldOf(prompts[i].Source, prompts[i].Id, folds) != f).ToList();
            var model = trainer.Train("input-oof", DetectorHeads.Input, InputExamples(prompts, train, promptWeights), cancellationToken);
            foreach (var i in Enumerable.Range(0, prompts.Count).Where(i => folds == 1 || FoldOf(prompts[i].Source, prompts[i].Id, folds) == f))
            {
                inputOof[i] = RawMax(model, prompts[i].Text);
                if (prompts[i].IsConversation) trajectoryFeatures[i] = TrajectoryHead.Features(model, prompts[i].UserTurns);
            }
            log?.Invoke($"input n-gram fold {f + 1}/{folds} done");
        }
        var inputThresholds = PickThresholds(prompts, inputOof, DetectorHeads.Input.Count);
        var input = trainer.Train("input", DetectorHeads.Input, InputExamples(prompts, Enumerable.Range(0, prompts.Count).ToList(), promptWeights), cancellationToken)
            .WithThresholds(inputThresholds);
        log?.Invoke("input n-gram thresholds: " + string.Join(", ", DetectorHeads.Input.Select((h, k) => $"{h}={inputThresholds[k]:0.###}")));
        rates.AddRange(Rates("input-ngram", prompts.Select(p => (p.Source, p.Label)).ToList(), inputOof, inputThresholds));

        // Conversation trajectory, on out-of-fold n-gram scores of the multi-turn rows.
        var conversations = Enumerable.Range(0, prompts.Count).Where(i => prompts[i].IsConversation).ToArray();
        var trajectory = TrajectoryTrainer.Fit(conversations.Select(i => trajectoryFeatures[i]).ToArray(), conversations.Select(i => prompts[i].ShouldFlag).ToArray(), options.Seed);
        if (trajectory is not null)
        {
            log?.Invoke($"trajectory head on {conversations.Length} conversations: threshold {trajectory.Threshold:0.###}");
            rates.AddRange(Rates("conversation-trajectory", conversations.Select(i => (prompts[i].Source, prompts[i].Label)).ToList(),
                conversations.Select(i => new[] { trajectory.Raw(trajectoryFeatures[i]) }).ToArray(), [trajectory.Threshold]));
        }

        // Output n-gram.
        var outputOof = new float[outputs.Count][];
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, outputs.Count).Where(i => folds == 1 || FoldOf(outputs[i].Source, outputs[i].Id, folds) != f).ToList();
            var model = trainer.Train("output-oof", DetectorHeads.Output, OutputExamples(outputs, train, outputWeights), cancellationToken);
            foreach (var i in Enumerable.Range(0, outputs.Count).Where(i => folds == 1 || FoldOf(outputs[i].Source, outputs[i].Id, folds) == f))
                outputOof[i] = RawMax(model, outputs[i].Response);
        }
        var safeScores = outputs.Select((o, i) => (o, i)).Where(x => !x.o.IsHarmful).Select(x => outputOof[x.i][0]).ToList();
        var outputThreshold = ThresholdPicker.ForFpr(safeScores, options.OutputFprTarget);
        var output = trainer.Train("output", DetectorHeads.Output, OutputExamples(outputs, Enumerable.Range(0, outputs.Count).ToList(), outputWeights), cancellationToken)
            .WithThresholds([outputThreshold]);
        log?.Invoke($"output n-gram threshold: {outputThreshold:0.###}");
        rates.AddRange(Rates("output-ngram", outputs.Select(o => (o.Source, o.Label)).ToList(), outputOof, [outputThreshold]));

        SemanticHeads? semantic = null;
        var points = OperatingPointBuilder.Build(prompts, inputOof, inputThresholds);
        if (options.Semantic)
        {
            (semantic, points) = TrainSemantic(prompts, folds, inputOof, inputThresholds, rates, cancellationToken);
        }

        var sources = prompts.Select(p => p.Source).Concat(outputs.Select(o => o.Source)).Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).ToArray();
        return new TrainingResult(new DetectorModels(input, output, semantic) { OperatingPoints = points, Trajectory = trajectory }, sources, prompts.Count, outputs.Count, rates);
    }

    private int FoldOf(string source, string id, int folds) => ExampleBuilder.Fold(source, options.FoldBySource ? "" : id, folds);

    private (SemanticHeads Heads, OperatingPoints Points) TrainSemantic(List<CorpusRow> allPrompts, int folds, float[][] ngramOof, float[] ngramThresholds, List<SourceRate> rates, CancellationToken cancellationToken)
    {
        var indexOf = new Dictionary<CorpusRow, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < allPrompts.Count; i++) indexOf[allPrompts[i]] = i;
        var cap = Math.Max(1, options.SemanticRowsPerSourceLabel);
        var prompts = allPrompts.Where(p => SemanticLanguage.Trainable(p.Text, p.Meta)).GroupBy(p => (p.Source, p.Label))
            .SelectMany(g => g.OrderBy(p => ExampleBuilder.Fold(p.Source, p.Id + "#sem", 1_000_003)).ThenBy(p => p.Id, StringComparer.Ordinal).Take(cap))
            .OrderBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var promptWeights = ExampleBuilder.SourceWeights(prompts.Select(p => p.Source), cap);
        using var ownEmbedder = embedder is null ? new MiniLmEmbedder() : null;
        var emb = embedder ?? ownEmbedder!;
        var cache = new EmbeddingCache(options.EmbeddingCacheDirectory, emb.Name, emb.Dimension);
        var texts = prompts.Select(p => p.Text.Length > options.SemanticTrainingCharacters ? p.Text[..options.SemanticTrainingCharacters] : p.Text).ToArray();
        log?.Invoke($"embedding {texts.Length} rows with {emb.Name} (cached under {options.EmbeddingCacheDirectory ?? "nowhere"})");
        var vectors = cache.Embed(emb, texts, 16, n => { if (n % 256 < 16) log?.Invoke($"  embedded {n} new rows"); }, cancellationToken);
        var heads = SemanticTargets.Heads(prompts);
        var targets = prompts.Select(p => SemanticTargets.For(p, heads)).ToArray();
        var weights = prompts.Select(p => promptWeights[p.Source]).ToArray();
        var oof = new float[prompts.Count][];
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, prompts.Count).Where(i => folds == 1 || FoldOf(prompts[i].Source, prompts[i].Id, folds) != f).ToArray();
            var m = TrainHeads(heads, train.Select(i => vectors[i]).ToArray(), train.Select(i => targets[i]).ToArray(), train.Select(i => weights[i]).ToArray(), cancellationToken);
            foreach (var i in Enumerable.Range(0, prompts.Count).Where(i => folds == 1 || FoldOf(prompts[i].Source, prompts[i].Id, folds) == f))
            {
                oof[i] = new float[heads.Count];
                m.RawAll(vectors[i], oof[i]);
            }
            log?.Invoke($"semantic fold {f + 1}/{folds} done");
        }
        // Only the first four heads decide; category heads only name the harm, so their threshold stays at 0.5.
        var decisive = PickThresholds(prompts, oof, DetectorHeads.Input.Count, options.SemanticFprTarget, options.SemanticFprTarget);
        var thresholds = Enumerable.Range(0, heads.Count).Select(k => k < decisive.Length ? decisive[k] : 0.5f).ToArray();
        var final = TrainHeads(heads, vectors, targets, weights, cancellationToken).WithThresholds(thresholds);
        log?.Invoke("semantic thresholds: " + string.Join(", ", DetectorHeads.Input.Select((h, k) => $"{h}={thresholds[k]:0.###}")));
        rates.AddRange(Rates("input-semantic", prompts.Select(p => (p.Source, p.Label)).ToList(), oof.Select(o => o[..DetectorHeads.Input.Count]).ToArray(), decisive));

        // Fusion: how the two calibrated out-of-fold scores combine, per input head, and the fused threshold.
        var fusion = new Dictionary<string, FusionHead>(StringComparer.Ordinal);
        var fusedOof = new float[prompts.Count][];
        for (var i = 0; i < prompts.Count; i++) fusedOof[i] = new float[DetectorHeads.Input.Count];
        for (var k = 0; k < DetectorHeads.Input.Count; k++)
        {
            var ng = prompts.Select(p => HashedNGramModel.Calibrate(ngramOof[indexOf[p]][k], ngramThresholds[k])).ToArray();
            var se = oof.Select(o => HashedNGramModel.Calibrate(o[k], decisive[k])).ToArray();
            var data = Enumerable.Range(0, prompts.Count).Where(i => !float.IsNaN(targets[i][k]))
                .Select(i => (ng[i], se[i], prompts[i].Text.Length, targets[i][k], weights[i])).ToList();
            var coefficients = FusionTrainer.Fit(data, options.Seed);
            var head = new FusionHead(coefficients, 0.5f);
            for (var i = 0; i < prompts.Count; i++) fusedOof[i][k] = head.Raw(ng[i], se[i], prompts[i].Text.Length);
            fusion[DetectorHeads.Input[k]] = head;
        }
        var fusedThresholds = PickThresholds(prompts, fusedOof, DetectorHeads.Input.Count, options.FusedOrdinaryFprTarget, options.FusedBorderlineFprTarget);
        var harm = DetectorHeads.Input.Count - 1;
        fusedThresholds[harm] = PickThresholds(prompts, fusedOof, DetectorHeads.Input.Count, options.FusedOrdinaryFprTarget, options.FusedHarmBorderlineFprTarget)[harm];
        foreach (var (h, k) in DetectorHeads.Input.Select((h, k) => (h, k))) fusion[h] = fusion[h].WithThreshold(fusedThresholds[k]);
        log?.Invoke("fusion: " + string.Join("; ", DetectorHeads.Input.Select((h, k) => $"{h} [{string.Join(" ", fusion[h].Coefficients.Select(c => c.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)))}] t={fusedThresholds[k]:0.###}")));
        rates.AddRange(Rates("input-fused", prompts.Select(p => (p.Source, p.Label)).ToList(), fusedOof, fusedThresholds));
        // The operating points of the cascade as shipped: the fused scores (the n-gram score alone never decides a
        // Latin-script text the semantic stage could read).
        return (final.WithFusion(fusion), OperatingPointBuilder.Build(prompts, fusedOof, fusedThresholds));
    }

    /// <summary>Logistic heads, and with <see cref="TrainingOptions.SemanticMlp"/> the MLP that replaces them for scoring.</summary>
    private SemanticHeads TrainHeads(IReadOnlyList<string> heads, float[][] vectors, float[][] targets, float[] weights, CancellationToken cancellationToken)
    {
        var logistic = SemanticHeadTrainer.Train(heads, vectors, targets, weights, options.Seed, cancellationToken: cancellationToken);
        if (options.SemanticMlp is not { } mlp) return logistic;
        return logistic.WithMlp(MlpTrainer.Train(vectors, targets, weights, options.Seed, mlp, cancellationToken));
    }

    private float[] PickThresholds(List<CorpusRow> prompts, float[][] oof, int heads, double? ordinaryTarget = null, double? borderlineTarget = null)
    {
        var t = new float[heads];
        for (var k = 0; k < heads; k++)
        {
            var ordinary = prompts.Select((p, i) => (p, i)).Where(x => x.p.IsBenign && !BenignGroups.IsBorderline(x.p)).Select(x => oof[x.i][k]).ToList();
            var borderline = prompts.Select((p, i) => (p, i)).Where(x => x.p.IsBenign && BenignGroups.IsBorderline(x.p)).Select(x => oof[x.i][k]).ToList();
            t[k] = Math.Max(ThresholdPicker.ForFpr(ordinary, ordinaryTarget ?? options.OrdinaryFprTarget), ThresholdPicker.ForFpr(borderline, borderlineTarget ?? options.BorderlineFprTarget));
        }
        return t;
    }

    private static IReadOnlyList<SourceRate> Rates(string stage, IReadOnlyList<(string Source, string Label)> rows, float[][] raw, IReadOnlyList<float> thresholds) =>
        rows.Select((r, i) => (r, flagged: Enumerable.Range(0, thresholds.Count).Any(k => raw[i][k] >= thresholds[k])))
            .GroupBy(x => (x.r.Source, x.r.Label))
            .OrderBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.Label, StringComparer.Ordinal)
            .Select(g => new SourceRate(stage, g.Key.Source, g.Key.Label, g.Count(), g.Count(x => x.flagged) / (double)g.Count()))
            .ToArray();

    /// <summary>The user turns joined as the classifier joins them (the last <see cref="TrajectoryHead.JoinedCharacters"/>).</summary>
    public static string JoinedTurns(IReadOnlyList<string> userTurns)
    {
        var joined = string.Join("\n", userTurns);
        return joined.Length > TrajectoryHead.JoinedCharacters ? joined[^TrajectoryHead.JoinedCharacters..] : joined;
    }

    private static float[] RawMax(HashedNGramModel model, string text)
    {
        var result = new float[model.Heads.Count];
        model.RawMax(text, result);
        return result;
    }

    private static List<TrainingExample> InputExamples(List<CorpusRow> rows, List<int> indices, Dictionary<string, float> weights) =>
        indices.SelectMany(i => ExampleBuilder.Windows(rows[i].Text, DetectorHeads.InputTargets(rows[i]), weights[rows[i].Source])).ToList();

    private static List<TrainingExample> OutputExamples(List<OutputRow> rows, List<int> indices, Dictionary<string, float> weights) =>
        indices.SelectMany(i => ExampleBuilder.Windows(rows[i].Response, [rows[i].IsHarmful ? 1f : 0f], weights[rows[i].Source])).ToList();
}
