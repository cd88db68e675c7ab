using Bulwark.Detection.NGram;
using Bulwark.Detection.Semantic;
using Bulwark.Detection.Training.NGram;
using Bulwark.Detection.Training.Semantic;

namespace Bulwark.Detection.Training;

/// <summary>Options of <see cref="DetectorTrainer"/>.</summary>
public sealed record TrainingOptions
{
    public int Seed { get; init; } = 1234;

    /// <summary>Sources left out of training (for leave-source-out evaluation).</summary>
    public IReadOnlyList<string> ExcludeSources { get; init; } = [];

    /// <summary>When true (the default), sources whose licence forbids shipping weights are never trained on.</summary>
    public bool ShippableOnly { get; init; } = true;

    /// <summary>Folds used to compute out-of-fold scores for threshold calibration (1 = calibrate on training scores).</summary>
    public int CalibrationFolds { get; init; } = 3;

    /// <summary>
    /// Out-of-fold folds hold out whole sources (true, the default) rather than rows: thresholds and the fusion are then set on
    /// scores of sources the fold's model never saw, which is what an unseen deployment looks like (row folds let the
    /// n-gram model recognise a source's style and make thresholds look better than they generalise).
    /// </summary>
    public bool FoldBySource { get; init; } = true;

    /// <summary>Per-source weight cap: a source with more rows than this is down-weighted so that it counts as this many.</summary>
    public int SourceWeightCap { get; init; } = 1500;

    /// <summary>Per-head false-positive targets used to pick thresholds on out-of-fold scores.</summary>
    public double OrdinaryFprTarget { get; init; } = 0.002;

    public double BorderlineFprTarget { get; init; } = 0.01;

    public double OutputFprTarget { get; init; } = 0.015;

    /// <summary>Per-head false-positive target of the semantic heads (trained on a small sample, and only consulted in the unsure band).</summary>
    public double SemanticFprTarget { get; init; } = 0.02;

    /// <summary>False-positive targets of the fused (n-gram + semantic) decision on ordinary and borderline benign rows, out of fold.</summary>
    public double FusedOrdinaryFprTarget { get; init; } = 0.01;

    public double FusedBorderlineFprTarget { get; init; } = 0.03;

    /// <summary>
    /// The borderline target of the fused <c>harmful</c> head. Borderline probes (security, medical, fiction) share their
    /// topics with harmful requests, so a 3 % target there leaves most harmful requests of an unseen source unflagged;
    /// the default trades more borderline flags for harm recall, and the policy can still raise the harm threshold.
    /// </summary>
    public double FusedHarmBorderlineFprTarget { get; init; } = 0.10;

    /// <summary>Train the semantic heads too (needs the MiniLM encoder; embeddings cached under <see cref="EmbeddingCacheDirectory"/>).</summary>
    public bool Semantic { get; init; } = true;

    public string? EmbeddingCacheDirectory { get; init; }

    /// <summary>Semantic heads are trained on a deterministic sample of at most this many rows per source and label (encoding is the costly step).</summary>
    public int SemanticRowsPerSourceLabel { get; init; } = 300;

    /// <summary>Characters of each row given to the encoder for training (its first window, shortened to bound cost).</summary>
    public int SemanticTrainingCharacters { get; init; } = 600;

    /// <summary>
    /// When set (the default), the semantic heads score through a one-hidden-layer MLP over the embedding
    /// (<see cref="MlpTrainer"/>) instead of one logistic model per head; null trains the logistic heads only.
    /// </summary>
    public MlpTrainerOptions? SemanticMlp { get; init; } = new();

    public NGramTrainerOptions NGram { get; init; } = new();

    /// <summary>Applied to every text before training: pass the pipeline's normaliser so that models learn the text the guards see.</summary>
    public Func<string, string>? Preprocess { get; init; }
}
