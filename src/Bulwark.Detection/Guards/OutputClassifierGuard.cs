using System.Diagnostics;
using System.Globalization;
using Bulwark.Core.Conversations;
using Bulwark.Core.Guards;
using Bulwark.Detection.Models;

namespace Bulwark.Detection.Guards;

/// <summary>
/// The learned output detector. Scores each output segment (the streamed window with the preceding output as
/// context) with the output n-gram model. When that score is unsure, the prompt is taken into account: an
/// answer to a prompt the input model finds harmful is pushed towards harmful, one to a benign prompt towards
/// safe. Category <c>harmful_output</c>. Runs on every streamed window, so it is n-gram only and allocation-light.
/// </summary>
public sealed class OutputClassifierGuard(ModelProvider models, DetectionOptions options) : IGuard
{
    public string Name => "output_classifier";

    public GuardStages Stages => GuardStages.Output;

    public GuardPlacement Placement => GuardPlacement.AfterNormalization;

    public bool Offload => true;

    public ValueTask WarmUpAsync(CancellationToken cancellationToken) => new(models.WarmUpAsync(cancellationToken));

    public ValueTask<GuardResult> InspectAsync(GuardContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var m = models.Get();
        var started = Stopwatch.GetTimestamp();
        Span<float> s = stackalloc float[m.Output.Heads.Count];
        var best = 0f;
        var any = false;
        foreach (var segment in context.Segments)
        {
            if (string.IsNullOrWhiteSpace(segment.Text)) continue;
            any = true;
            m.Output.Score(segment.Text, s);
            best = Math.Max(best, s[0]);
        }
        if (!any && context.OutputWindow.Length > 0)
        {
            any = true;
            m.Output.Score(context.OutputWindow, s);
            best = s[0];
        }
        if (!any) return ValueTask.FromResult(GuardResult.Clean);

        var prompt = -1f;
        if (best >= options.UnsureLow && best < options.UnsureHigh && context.Conversation.LastUser is { } user)
        {
            var text = user.Text;
            if (text.Length > options.ConversationCharacters) text = text[^options.ConversationCharacters..];
            Span<float> p = stackalloc float[m.Input.Heads.Count];
            m.Input.Score(text, p);
            var k = m.Input.HeadIndex(Categories.Harmful);
            prompt = k >= 0 ? p[k] : 0f;
            best = 0.7f * best + 0.3f * prompt;
        }
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var inv = CultureInfo.InvariantCulture;
        var notes = new List<string> { "output_classifier.ngram_ms=" + ms.ToString("0.###", inv) };
        if (prompt >= 0) notes.Add("output_classifier.prompt_context=" + prompt.ToString("0.###", inv));
        return ValueTask.FromResult(new GuardResult
        {
            Findings = [new Finding(Categories.HarmfulOutput, Math.Round(ScoreAnchors.Apply(best, ScoreAnchors.Harm), 4), best >= 0.5f ? "output_classifier.ngram" : null)],
            Notes = notes,
        });
    }
}
