namespace Bulwark.Detection;

/// <summary>Configuration of the learned detectors. Immutable; validated when the registry is created.</summary>
public sealed record DetectionOptions
{
    /// <summary>Folder with weights written by <c>bulwark train</c>; null uses the weights embedded in the assembly.</summary>
    public string? ModelDirectory { get; init; }

    /// <summary>Run the MiniLM semantic stage when the n-gram stage is unsure.</summary>
    public bool EnableSemantic { get; init; } = true;

    /// <summary>
    /// Calibrated n-gram scores in [UnsureLow, UnsureHigh) escalate to the semantic stage; UnsureHigh = 1 (the default)
    /// escalates every score from UnsureLow up, so that no n-gram score blocks on its own when the semantic stage is on.
    /// </summary>
    public double UnsureLow { get; init; } = 0.3;

    public double UnsureHigh { get; init; } = 1.0;

    /// <summary>
    /// Operating point: the classifier blocks only at or above this calibrated score; between its category's policy
    /// threshold and this it flags instead. 0 (default) keeps the trained operating point. Raising it (e.g. 0.98) cuts
    /// false blocks on ordinary prompts at a large cost in recall (models/MODEL_CARD.md). Set with Bulwark:Detection:BlockConfidence.
    /// </summary>
    public double BlockConfidence { get; init; }

    /// <summary>
    /// The lowest calibrated score the classifier reports as a finding. Unset (default): each category's trained flag
    /// point from models/operating_points.json (where about 2 % of ordinary benign text in the training folds reaches it),
    /// so that the policy's flag band does not turn every faint score into a flag. 0 reports every score and lets the
    /// policy's FlagAt decide alone. Set with Bulwark:Detection:ReportFloor.
    /// </summary>
    public double? ReportFloor { get; init; }

    /// <summary>Characters of the joined user turns scored as one text (multi-turn escalation), taken from the end.</summary>
    public int ConversationCharacters { get; init; } = 4096;

    /// <summary>
    /// Encoder windows per request (all texts together: the prompt, its decoded views, documents). Each is at most about
    /// 128 word pieces for long texts, or the whole text when it has up to 384; windows are chosen by n-gram score
    /// (<see cref="Semantic.SemanticWindows"/>). Bounds the semantic stage's cost per request whatever the input.
    /// </summary>
    public int MaxSemanticWindows { get; init; } = 4;

    /// <summary>
    /// Most encoder windows in one MiniLM call when requests arrive together: concurrent requests' short windows (up to
    /// 256 characters; longer ones call the encoder directly) are coalesced into one batch (<see cref="Semantic.BatchingSentenceEmbedder"/>, no timer: the next batch takes whatever queued while
    /// the previous one ran). 1 turns batching off (each request calls the encoder itself).
    /// </summary>
    public int MaxEmbeddingBatch { get; init; } = 16;

    /// <summary>
    /// Score conversations with the trained trajectory head (models/trajectory_head.json) as well. Off by default: on the
    /// multi-turn corpus the v2 head added 21 points of false positives on benign conversations for no recall (model card).
    /// </summary>
    public bool EnableTrajectory { get; init; }

    /// <summary>Where a model-loading failure is reported (once). Default: standard error. Never receives prompt text.</summary>
    public Action<string>? Log { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (UnsureLow is < 0 or > 1 || UnsureHigh is < 0 or > 1 || UnsureLow > UnsureHigh) errors.Add("need 0 <= UnsureLow <= UnsureHigh <= 1");
        if (BlockConfidence is < 0 or > 1) errors.Add("BlockConfidence must be in 0..1");
        if (ReportFloor is < 0 or > 1) errors.Add("ReportFloor must be in 0..1");
        if (MaxSemanticWindows is < 1 or > 64) errors.Add("MaxSemanticWindows must be in 1..64");
        if (MaxEmbeddingBatch is < 1 or > 256) errors.Add("MaxEmbeddingBatch must be in 1..256");
        if (ConversationCharacters is < 256 or > 1_000_000) errors.Add("ConversationCharacters must be in 256..1000000");
        if (ModelDirectory is not null && !Directory.Exists(ModelDirectory)) errors.Add($"model directory '{ModelDirectory}' does not exist");
        return errors;
    }
}
