using System.Diagnostics;
using System.Globalization;
using Bulwark.Core.Conversations;
using Bulwark.Core.Guards;
using Bulwark.Detection.Models;
using Bulwark.Detection.NGram;
using Bulwark.Detection.Semantic;

namespace Bulwark.Detection.Guards;

/// <summary>
/// The learned input detector, a cascade: the hashed n-gram model scores every normalised segment (decoded ones
/// included) and the joined user turns (multi-turn escalation); texts whose n-gram score reaches the unsure band
/// (by default every text the n-gram stage would flag, too) go to the MiniLM semantic heads, and a trained fusion
/// of the two scores decides — so an n-gram false alarm on an unfamiliar style is checked by the semantic stage. Untrusted segments (tool
/// results, documents) are data: instructions in them are reported as indirect prompt injection, and harm
/// categories are not raised from them. Scores are calibrated so that 0.5 is the trained decision threshold.
/// </summary>
public sealed class ClassifierGuard : IGuard
{
    private static readonly string[] AttackHeads = [Categories.Jailbreak, Categories.PromptInjection, Categories.PromptExtraction];
    /// <summary>Note prefix with the number of encoder windows the request used (at most DetectionOptions.MaxSemanticWindows).</summary>
    public const string SemanticWindowsNote = "classifier.semantic_windows=";

    private readonly ModelProvider _models;
    private readonly ISentenceEmbedder? _embedder;
    private readonly DetectionOptions _options;

    public ClassifierGuard(ModelProvider models, ISentenceEmbedder? embedder, DetectionOptions options)
    {
        _models = models;
        _embedder = options.EnableSemantic ? embedder : null;
        _options = options;
    }

    public string Name => "classifier";

    public GuardStages Stages => GuardStages.Input;

    public GuardPlacement Placement => GuardPlacement.AfterNormalization;

    public bool Offload => true;

    /// <summary>Loads the weights and, when the semantic stage is on, the MiniLM session.</summary>
    public async ValueTask WarmUpAsync(CancellationToken cancellationToken)
    {
        await _models.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        var encoder = _embedder is BatchingSentenceEmbedder batching ? batching.Inner : _embedder;
        if (encoder is MiniLmEmbedder miniLm) await miniLm.WarmUpAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<GuardResult> InspectAsync(GuardContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var models = _models.Get();
        var started = Stopwatch.GetTimestamp();
        var (texts, userTurns) = Collect(context);
        if (texts.Count == 0) return ValueTask.FromResult(GuardResult.Clean);

        var model = models.Input;
        var heads = model.Heads.Count;
        var unsure = new List<ScoredText>();
        foreach (var t in texts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            t.NGram = new float[heads];
            model.Score(t.Text, t.NGram);
            if (t.NGram.Any(s => s >= _options.UnsureLow && (s < _options.UnsureHigh || _options.UnsureHigh >= 1)) && SemanticLanguage.Supports(t.Text) && SemanticWindows.IsReadable(t.Text)) unsure.Add(t);
        }
        var ngramMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        var semanticMs = 0.0;
        var semanticWindows = 0;
        var semantic = models.Semantic;
        if (_embedder is not null && semantic is not null && unsure.Count > 0)
        {
            var s0 = Stopwatch.GetTimestamp();
            // A fixed per-request budget of short windows, chosen by n-gram score: the encoder's cost does not grow
            // with the length or the number of texts.
            var (windows, owner) = SemanticBudget.Plan(unsure, model, _options.MaxSemanticWindows);
            var scores = SemanticScorer.ScoreWindows(_embedder, semantic, windows, owner, unsure.Count, cancellationToken);
            for (var i = 0; i < unsure.Count; i++) unsure[i].Semantic = scores[i];
            semanticWindows = windows.Count;
            semanticMs = Stopwatch.GetElapsedTime(s0).TotalMilliseconds;
        }

        var findings = new Dictionary<string, Finding>(StringComparer.Ordinal);
        foreach (var t in texts) AddFindings(t, model, semantic, findings);
        if (_options.EnableTrajectory && models.Trajectory is { } trajectory && userTurns.Count >= 2)
        {
            // The conversation's trajectory toward a goal, not only its joined text (bounded: the last few turns).
            var score = trajectory.Score(model, userTurns);
            if (score > 0) Put(findings, new Finding(Categories.Harmful, score, "classifier.trajectory", "conversation"));
        }

        var inv = CultureInfo.InvariantCulture;
        var notes = new List<string>
        {
            "classifier.ngram_ms=" + ngramMs.ToString("0.###", inv),
            "classifier.texts=" + texts.Count.ToString(inv),
        };
        if (unsure.Count > 0)
        {
            notes.Add(semanticMs > 0 ? "classifier.semantic_ms=" + semanticMs.ToString("0.###", inv) : "classifier.semantic=unavailable");
            notes.Add("classifier.semantic_texts=" + unsure.Count.ToString(inv));
            notes.Add(SemanticWindowsNote + semanticWindows.ToString(inv));
        }
        var (operated, capped) = ApplyOperatingPoint(findings.Values, _options.BlockConfidence);
        if (capped) notes.Add("classifier.below_block_confidence");
        var reported = ApplyReportFloor(operated, models.OperatingPoints, _options.ReportFloor);
        return ValueTask.FromResult(new GuardResult
        {
            Findings = reported.OrderByDescending(f => f.Score).ToArray(),
            Notes = notes,
        });
    }

    /// <summary>
    /// The operating point: a finding whose score reaches its category's trained anchor (<see cref="ScoreAnchors"/>, where
    /// the built-in policies block) only keeps that score when it also reaches <paramref name="blockConfidence"/>; below
    /// that it is capped just under the anchor, so that the policy's flag band (FlagAt) flags it instead. The guard never
    /// reads the policy. Measured on a benign source never trained on, this trades recall for far fewer false blocks
    /// (models/MODEL_CARD.md). A block confidence of 0 leaves the trained calibration unchanged.
    /// </summary>
    public static (IReadOnlyList<Finding> Findings, bool Capped) ApplyOperatingPoint(IEnumerable<Finding> findings, double blockConfidence)
    {
        var result = new List<Finding>();
        var flag = false;
        foreach (var f in findings)
        {
            var threshold = ScoreAnchors.For(f.Category);
            if (f.Score >= threshold && f.Score < blockConfidence)
            {
                result.Add(f with { Score = Math.Max(0, threshold - 0.001) });
                flag = true;
            }
            else
            {
                result.Add(f);
            }
        }
        return (result, flag);
    }

    /// <summary>
    /// Drops findings below the report floor: <paramref name="floor"/> when set, otherwise the category's trained flag
    /// point (<see cref="OperatingPoints"/>; a category without one reports every score). A faint score is noise to an
    /// operator reviewing flags: measured on sources never trained on, reporting every score from the policy's FlagAt
    /// flagged a third of benign look-alike prompts (models/MODEL_CARD.md).
    /// </summary>
    public static IReadOnlyList<Finding> ApplyReportFloor(IReadOnlyList<Finding> findings, OperatingPoints points, double? floor)
    {
        var result = new List<Finding>(findings.Count);
        foreach (var f in findings)
        {
            var least = floor ?? points.For(f.Category)?.FlagAt ?? 0;
            if (f.Score >= least) result.Add(f);
        }
        return result;
    }

    private void AddFindings(ScoredText t, HashedNGramModel model, SemanticHeads? semantic, Dictionary<string, Finding> findings)
    {
        float Final(string head)
        {
            var k = model.HeadIndex(head);
            if (k < 0) return 0f;
            var n = t.NGram[k];
            if (t.Semantic is null || semantic is null) return n;
            var j = semantic.HeadIndex(head);
            if (j < 0) return n;
            // Both stages ran: the trained fusion decides (it weighs n-gram evidence by text length); older
            // weights without one average the two calibrated scores.
            return semantic.FusionFor(head) is { } fusion ? fusion.Score(n, t.Semantic[j], t.Text.Length) : 0.5f * (n + t.Semantic[j]);
        }

        foreach (var head in AttackHeads)
        {
            var score = Final(head);
            if (score <= 0) continue;
            // Instructions inside untrusted data are indirect prompt injection, whatever their style.
            var category = t.Untrusted ? Categories.PromptInjection : head;
            if (t.System && head != Categories.Jailbreak) continue;
            Put(findings, new Finding(category, score, "classifier." + head, t.Scope));
        }
        if (t.Untrusted) return;
        var harm = Final(Categories.Harmful);
        if (harm <= 0) return;
        Put(findings, new Finding(HarmCategory(t, semantic, harm), harm, "classifier.harmful", t.Scope));
    }

    private static string HarmCategory(ScoredText t, SemanticHeads? semantic, float harm)
    {
        if (harm < 0.5f || t.Semantic is null || semantic is null) return Categories.Harmful;
        var best = Categories.Harmful;
        var bestScore = 0.5f;
        for (var k = 0; k < semantic.Heads.Count; k++)
        {
            var name = semantic.Heads[k];
            if (!Categories.Harms.Contains(name) || name == Categories.Harmful) continue;
            if (t.Semantic[k] > bestScore) { bestScore = t.Semantic[k]; best = name; }
        }
        return best;
    }

    /// <summary>Texts with fewer than three letters or digits (emoji, punctuation) carry nothing the models can judge.</summary>
    private static bool HasWords(string text)
    {
        var n = 0;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) && ++n >= 3) return true;
        }
        return false;
    }

    private static bool IsObfuscated(string text)
    {
        if (SemanticWindows.IsReadable(text)) return false;
        var ascii = 0;
        foreach (var c in text) if (char.IsAscii(c)) ascii++;
        return ascii * 10 >= text.Length * 9;
    }

    private static void Put(Dictionary<string, Finding> findings, Finding f)
    {
        if (!findings.TryGetValue(f.Category, out var existing) || existing.Score < f.Score)
            findings[f.Category] = f with { Score = Math.Round(ScoreAnchors.Apply(f.Score, ScoreAnchors.For(f.Category)), 4), RuleId = f.Score >= 0.5 ? f.RuleId : null };
    }

    private (List<ScoredText> Texts, List<string> UserTurns) Collect(GuardContext context)
    {
        var texts = new List<ScoredText>();
        var lastUser = -1;
        for (var i = context.Conversation.Messages.Count - 1; i >= 0; i--)
        {
            if (context.Conversation.Messages[i].Role == MessageRole.User) { lastUser = i; break; }
        }
        var userTurns = new List<string>();
        var seen = new HashSet<(bool Untrusted, string Text)>();
        var decoded = new HashSet<int>();
        foreach (var s in context.Segments)
        {
            if (s.IsDecoded) decoded.Add(s.MessageIndex);
        }
        foreach (var s in context.Segments)
        {
            if (!HasWords(s.Text)) continue;
            // An obfuscated text (leetspeak, encodings: far more word pieces per character than prose) reads as nothing
            // the models were trained on; when the normaliser decoded it, the decoded view is judged in its place.
            if (!s.IsDecoded && decoded.Contains(s.MessageIndex) && IsObfuscated(s.Text)) continue;
            if (s.Role == MessageRole.Assistant && !s.Untrusted) continue;
            if (s.Role == MessageRole.User && !s.Untrusted && !s.IsDecoded) userTurns.Add(s.Text);
            if (!seen.Add((s.Untrusted, s.Text))) continue; // no per-segment copy of the text for the key
            var scope = s.Untrusted ? "untrusted" : s.Role == MessageRole.System ? "system" : s.MessageIndex == lastUser ? "last_user" : "earlier_turn";
            if (s.IsDecoded) scope += ":decoded";
            texts.Add(new ScoredText(s.Text, scope, s.Untrusted, s.Role == MessageRole.System));
        }
        if (userTurns.Count >= 2)
        {
            var joined = string.Join("\n", userTurns);
            if (joined.Length > _options.ConversationCharacters) joined = joined[^_options.ConversationCharacters..];
            texts.Add(new ScoredText(joined, "conversation", false, false));
        }
        return (texts, userTurns);
    }
}
