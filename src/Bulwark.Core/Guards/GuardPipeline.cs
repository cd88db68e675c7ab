using System.Diagnostics;
using System.Runtime.CompilerServices;
using Bulwark.Core.Conversations;
using Bulwark.Core.Policies;

namespace Bulwark.Core.Guards;

/// <summary>
/// Runs a policy's guards for one stage, in the policy's order, and stops at the first Block. Guards placed
/// <see cref="GuardPlacement.BeforeNormalization"/> (limits, PII) run first on the raw request, so that oversized input
/// is refused before any work is spent on it; then the text is normalised once and the other guards run on the segments.
/// Guards report findings; <see cref="Decide"/> turns them into an action with the policy's category rules alone.
/// Each guard runs under the policy's timeout; an exception or a timeout becomes the policy's
/// <see cref="PolicyDefinition.OnGuardError"/> action (Block unless the policy says otherwise).
/// Guards that ask to be offloaded (<see cref="IGuard.Offload"/>) run on the thread pool so that the timeout also bounds
/// synchronous work, except on the fast path: an offloaded guard whose last <see cref="FastPathStreak"/> runs each took
/// under <see cref="FastPathBudget"/> runs inline (a thread hop costs more than its work). Inline it still gets the
/// timeout's cancellation token, and a run that overshoots the timeout still fails closed (its result is discarded for
/// the policy's error action); the first slow run sends the guard back to the thread pool until it has been quick
/// <see cref="FastPathStreak"/> times again.
/// </summary>
public sealed class GuardPipeline(ITextNormalizer normalizer, TimeProvider timeProvider)
{
    /// <summary>Characters of already-released output prepended to each output window, so that a phrase split across windows is still seen.</summary>
    public const int OutputContextCharacters = 256;

    /// <summary>Name under which a normalisation failure is reported.</summary>
    public const string NormalizationStep = "normalize";

    /// <summary>Consecutive quick runs after which an offloaded guard runs inline.</summary>
    public const int FastPathStreak = 8;

    /// <summary>An offloaded guard's run counts as quick under this time (and under 1/100 of the policy's timeout).</summary>
    public static readonly TimeSpan FastPathBudget = TimeSpan.FromMilliseconds(2);

    // Per offloaded guard: how many of its latest runs in a row were quick.
    private readonly ConditionalWeakTable<IGuard, StrongBox<int>> _quickRuns = new();

    public TimeProvider TimeProvider => timeProvider;

    public ValueTask<Verdict> EvaluateInputAsync(Policy policy, Conversation conversation, CallerInfo caller, string requestId, CancellationToken cancellationToken) =>
        RunAsync(policy, GuardStage.Input, conversation, caller, requestId, "", "", true, cancellationToken);

    public ValueTask<Verdict> EvaluateOutputAsync(Policy policy, Conversation conversation, string outputSoFar, string window, bool isFinal, CallerInfo caller, string requestId, CancellationToken cancellationToken) =>
        RunAsync(policy, GuardStage.Output, conversation, caller, requestId, outputSoFar, window, isFinal, cancellationToken);

    private async ValueTask<Verdict> RunAsync(Policy policy, GuardStage stage, Conversation conversation, CallerInfo caller, string requestId,
        string outputSoFar, string window, bool isFinal, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var guards = policy.GuardsFor(stage);
        var outcomes = new List<GuardOutcome>(guards.Count + 1);
        var notes = new List<string>();
        var redactions = new List<Redaction>();

        var context = new GuardContext
        {
            Stage = stage, Conversation = conversation, Policy = policy, Caller = caller, RequestId = requestId,
            OutputSoFar = outputSoFar, OutputWindow = window, IsFinalWindow = isFinal, EarlierOutcomes = outcomes,
        };

        var index = 0;
        // Guards placed before normalisation (limits, PII) run on the raw request first.
        for (; index < guards.Count && guards[index].Placement == GuardPlacement.BeforeNormalization; index++)
        {
            var (outcome, result) = await RunGuardAsync(guards[index], context, policy, cancellationToken).ConfigureAwait(false);
            Collect(outcome, result);
            if (outcome.Action == GuardAction.Block) return Finish();
        }

        if (index < guards.Count)
        {
            var normStart = timeProvider.GetTimestamp();
            GuardContext? normalized = null;
            string? normError = null;
            try
            {
                normalized = BuildSegments(context, stage, conversation, outputSoFar, window);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                normError = ex.GetType().Name;
            }
            var normMs = timeProvider.GetElapsedTime(normStart).TotalMilliseconds;
            if (normalized is null)
            {
                var action = policy.Definition.OnGuardError;
                outcomes.Add(new GuardOutcome(NormalizationStep, action, 1.0, [Categories.GuardError], [], normMs, normError));
                if (action == GuardAction.Block) return Finish();
                normalized = WithSegments(context, RawSegments(stage, conversation, window), []);
            }
            context = normalized;
            notes.AddRange(context.NormalizationNotes);

            for (; index < guards.Count; index++)
            {
                var (outcome, result) = await RunGuardAsync(guards[index], context, policy, cancellationToken).ConfigureAwait(false);
                Collect(outcome, result);
                if (outcome.Action == GuardAction.Block) break;
            }
        }

        return Finish();

        void Collect(GuardOutcome outcome, GuardResult? result)
        {
            outcomes.Add(outcome);
            if (result is null) return;
            notes.AddRange(result.Notes);
            if (outcome.Action == GuardAction.Redact) redactions.AddRange(result.Redactions);
        }

        Verdict Finish()
        {
            var action = outcomes.Count == 0 ? GuardAction.Allow : outcomes.Max(o => o.Action);
            var decisive = outcomes.Where(o => o.Action == action && action != GuardAction.Allow).ToArray();
            var categories = decisive.SelectMany(o => o.Categories).Distinct(StringComparer.Ordinal).ToArray();
            var ruleIds = outcomes.SelectMany(o => o.RuleIds).Distinct(StringComparer.Ordinal).ToArray();
            var score = decisive.Length > 0 ? decisive.Max(o => o.Score) : outcomes.Select(o => o.Score).DefaultIfEmpty(0).Max();
            var reason = action switch
            {
                GuardAction.Allow => "",
                _ => $"{string.Join(", ", categories)} detected by {string.Join(", ", decisive.Select(o => o.Name))}",
            };
            return new Verdict
            {
                Stage = stage, Action = action, Score = Math.Round(score, 4), Categories = categories, RuleIds = ruleIds,
                Reason = reason, Guards = outcomes, Notes = notes.Distinct(StringComparer.Ordinal).ToArray(),
                PolicyName = policy.Name, PolicyHash = policy.Hash,
                Milliseconds = timeProvider.GetElapsedTime(started).TotalMilliseconds,
                Redactions = action == GuardAction.Redact ? redactions : [],
            };
        }
    }

    private async ValueTask<(GuardOutcome Outcome, GuardResult? Result)> RunGuardAsync(IGuard guard, GuardContext context, Policy policy, CancellationToken cancellationToken)
    {
        var start = timeProvider.GetTimestamp();
        var guardTimeout = policy.Definition.GuardTimeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(guardTimeout);
        StrongBox<int>? quickRuns = null;
        var inline = true;
        GuardResult result;
        using var span = Bulwark.Core.Diagnostics.BulwarkDiagnostics.StartGuard(guard.Name);
        try
        {
            if (guard.Offload)
            {
                quickRuns = _quickRuns.GetValue(guard, static _ => new StrongBox<int>());
                inline = Volatile.Read(ref quickRuns.Value) >= FastPathStreak;
            }
            // Offloaded guards (model inference) run off the request thread so that the timeout also bounds synchronous
            // work, unless they have been quick lately (see the class summary).
            var pending = inline
                ? guard.InspectAsync(context, timeout.Token)
                : new ValueTask<GuardResult>(Task.Run(() => guard.InspectAsync(context, timeout.Token).AsTask(), timeout.Token));
            result = pending.IsCompletedSuccessfully
                ? pending.Result
                : await pending.AsTask().WaitAsync(guardTimeout, timeProvider, cancellationToken).ConfigureAwait(false);
            if (inline && quickRuns is not null && timeProvider.GetElapsedTime(start) > guardTimeout)
                throw new TimeoutException("the guard ran inline past its timeout");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var ms = timeProvider.GetElapsedTime(start).TotalMilliseconds;
            if (quickRuns is not null) Volatile.Write(ref quickRuns.Value, 0);
            // A guard that gave up because its timeout fired (an ONNX terminate, say) timed out, whatever it threw.
            var error = ex is TimeoutException or OperationCanceledException || timeout.IsCancellationRequested ? "timeout" : ex.GetType().Name;
            var action = policy.Definition.OnGuardError;
            span?.SetTag(Bulwark.Core.Diagnostics.BulwarkDiagnostics.ActionAttribute, action.ToString()).SetStatus(System.Diagnostics.ActivityStatusCode.Error, error);
            return (new GuardOutcome(guard.Name, action, 1.0, [Categories.GuardError], [], ms, error), null);
        }

        var elapsedTime = timeProvider.GetElapsedTime(start);
        if (quickRuns is not null)
        {
            var quick = elapsedTime < FastPathBudget && elapsedTime.Ticks * 100 < guardTimeout.Ticks;
            Volatile.Write(ref quickRuns.Value, quick ? Math.Min(FastPathStreak, quickRuns.Value + 1) : 0);
        }
        var elapsed = elapsedTime.TotalMilliseconds;
        var (guardAction, cats, score) = Decide(result, policy.Definition);
        var ruleIds = result.Findings.Where(f => f.RuleId is not null).Select(f => f.RuleId!).Distinct(StringComparer.Ordinal).ToArray();
        span?.SetTag(Bulwark.Core.Diagnostics.BulwarkDiagnostics.ActionAttribute, guardAction.ToString());
        return (new GuardOutcome(guard.Name, guardAction, Math.Round(score, 4), cats, ruleIds, elapsed), result);
    }

    /// <summary>
    /// Maps a guard's findings to an action with the policy's per-category rules alone: a score at or above the rule's
    /// <see cref="CategoryRule.BlockAt"/> takes the rule's action, one at or above <see cref="CategoryRule.FlagAt"/> flags,
    /// and a category whose action is Allow never acts.
    /// </summary>
    public static (GuardAction Action, IReadOnlyList<string> Categories, double Score) Decide(GuardResult result, PolicyDefinition policy)
    {
        var action = GuardAction.Allow;
        var taken = new List<(string Category, GuardAction Action)>();
        foreach (var finding in result.Findings)
        {
            if (double.IsNaN(finding.Score)) continue;
            var a = policy.RuleFor(finding.Category).ActionFor(finding.Score);
            if (a == GuardAction.Allow) continue;
            if (a > action) action = a;
            taken.Add((finding.Category, a));
        }
        // The categories that decided: those whose action is the guard's action.
        var categories = taken.Where(t => t.Action == action).Select(t => t.Category).Distinct(StringComparer.Ordinal).ToArray();
        return (action, categories, result.MaxScore);
    }

    private GuardContext BuildSegments(GuardContext context, GuardStage stage, Conversation conversation, string outputSoFar, string window)
    {
        var segments = new List<ScanSegment>();
        var notes = new List<string>();
        if (stage == GuardStage.Input)
        {
            for (var i = 0; i < conversation.Messages.Count; i++)
            {
                var message = conversation.Messages[i];
                foreach (var part in message.Parts)
                {
                    if (part.Text.Length == 0) continue;
                    var untrusted = part.IsUntrustedData || message.Role == MessageRole.Tool;
                    AddNormalized(part.Text, message.Role, untrusted, i);
                }
            }
        }
        else
        {
            var previousLength = Math.Max(0, outputSoFar.Length - window.Length);
            var contextStart = Math.Max(0, previousLength - OutputContextCharacters);
            var text = outputSoFar[contextStart..];
            if (text.Length == 0) text = window;
            AddNormalized(text, MessageRole.Assistant, false, conversation.Messages.Count);
        }
        return WithSegments(context, segments, notes);

        void AddNormalized(string text, MessageRole role, bool untrusted, int messageIndex)
        {
            var n = normalizer.Normalize(text);
            segments.Add(new ScanSegment(n.Text, role, untrusted, messageIndex));
            foreach (var d in n.Decoded) segments.Add(new ScanSegment(d.Text, role, untrusted, messageIndex, d.Derivation));
            notes.AddRange(n.Notes);
        }
    }

    private static List<ScanSegment> RawSegments(GuardStage stage, Conversation conversation, string window) =>
        stage == GuardStage.Output
            ? [new ScanSegment(window, MessageRole.Assistant, false, conversation.Messages.Count)]
            : conversation.Messages.SelectMany((m, i) => m.Parts.Select(p => new ScanSegment(p.Text, m.Role, p.IsUntrustedData || m.Role == MessageRole.Tool, i))).ToList();

    private static GuardContext WithSegments(GuardContext c, IReadOnlyList<ScanSegment> segments, IReadOnlyList<string> notes) => new()
    {
        Stage = c.Stage, Conversation = c.Conversation, Policy = c.Policy, Caller = c.Caller, RequestId = c.RequestId,
        OutputSoFar = c.OutputSoFar, OutputWindow = c.OutputWindow, IsFinalWindow = c.IsFinalWindow, EarlierOutcomes = c.EarlierOutcomes,
        Segments = segments, NormalizationNotes = notes.Distinct(StringComparer.Ordinal).ToArray(),
    };
}
