using System.Globalization;
using System.Text.Json.Nodes;
using Bulwark.Core.Guards;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Auditing.Content;
using Bulwark.Gateway.Protocols;
using Bulwark.Gateway.Upstreams;

namespace Bulwark.Gateway.Pipeline;

/// <summary>
/// Answers a non-streamed call: collect the upstream's whole answer, run each choice through the output guards
/// (text, then tool calls against the allowlist and the guards), audit, and write the answer in the client's protocol.
/// A blocked choice is emptied and ends with "content_filter"; the other choices of an n &gt; 1 answer are kept.
/// </summary>
public sealed class CompletionResponder(
    GuardPipeline guards,
    IAccessController access,
    IContentCommitter committer,
    GatewayMetrics metrics,
    TimeProvider time,
    RequestAuditor auditor,
    ToolCallChecker toolChecker)
{
    /// <summary>Largest answer collected for a non-streamed call; beyond it the upstream is stopped ("length").</summary>
    public const int MaxCollectedCharacters = 4 * 1024 * 1024;

    public async Task RespondAsync(AnswerContext a)
    {
        var (http, protocol, record, decision, policy, call, upstream, publicModel, started) = a;
        var aborted = http.RequestAborted;
        using var upstreamCts = CancellationTokenSource.CreateLinkedTokenSource(aborted, decision.Withdrawn);
        var choices = new AnswerChoices(call.Conversation.Choices, () => new OutputGate(guards, policy, call.Conversation, decision.Caller, record.RequestId));
        var attempts = new List<UpstreamAttempt>();
        UpstreamFinished? finished = null;
        UpstreamFailure? failure = null;
        var deltas = 0;
        try
        {
            await foreach (var e in metrics.TraceUpstream(upstream, call, upstreamCts.Token).ConfigureAwait(false))
            {
                switch (e)
                {
                    case TextDelta d:
                        choices.Get(d.Choice)?.Add(d);
                        deltas++;
                        break;
                    case ToolCallDelta t:
                        choices.Get(t.Choice)?.Calls.Add(t);
                        break;
                    case ThinkingDelta th:
                        choices.First.Thinking.Collect(th);
                        break;
                    case UpstreamAttempt attempt:
                        attempts.Add(attempt);
                        break;
                    case UpstreamFinished f:
                        finished = f;
                        break;
                    case UpstreamFailure x:
                        failure = x;
                        break;
                }
                if (choices.PendingLength > MaxCollectedCharacters)
                {
                    finished = new UpstreamFinished("length", null, deltas);
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (upstreamCts.IsCancellationRequested)
        {
            if (decision.Withdrawn.IsCancellationRequested && !aborted.IsCancellationRequested)
            {
                await auditor.RefuseAsync(http, protocol, record with { Outcome = Outcomes.Withdrawn, Status = 403, Reason = "access_withdrawn" },
                    new GatewayError(403, "access_withdrawn", "Access was withdrawn while the request was in flight."), [], started).ConfigureAwait(false);
                return;
            }
            await auditor.AppendAsync(record with { Outcome = Outcomes.ClientClosed, Status = 499, DurationMs = time.GetElapsedTime(started).TotalMilliseconds }).ConfigureAwait(false);
            return;
        }

        if (failure is not null)
        {
            await auditor.RefuseAsync(http, protocol, record with { Outcome = Outcomes.UpstreamError, Status = failure.StatusCode, Reason = failure.Code, Details = RequestAuditor.Attempts(attempts) },
                GatewayError.FromUpstream(failure), [], started).ConfigureAwait(false);
            return;
        }

        // Every choice passes the output guards on its own: its text first, then its tool calls.
        choices.Complete();
        try
        {
            foreach (var choice in choices.All)
            {
                if (choice.HasThinking)
                {
                    GateResult thought;
                    using (GatewayMetrics.StartOutputGate()) thought = await choice.Thinking.Gate.ScanAsync(final: true, aborted).ConfigureAwait(false);
                    if (!AnswerThinking.Releasable(thought))
                    {
                        choice.Block(AnswerThinking.Withholding(thought));
                        continue;
                    }
                }
                GateResult scan;
                using (GatewayMetrics.StartOutputGate()) scan = await choice.Gate.ScanAsync(final: true, aborted).ConfigureAwait(false);
                if (scan.Blocked)
                {
                    choice.Block(scan.Verdict!);
                    continue;
                }
                choice.AfterRelease();
                choice.Accept(await toolChecker.CheckAsync(choice.Gate, choice.Calls, policy, decision.Caller, call.Conversation.Model, ToolIdPrefix(record.RequestId, choice.Index), aborted).ConfigureAwait(false));
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            await auditor.AppendAsync(record with { Outcome = Outcomes.ClientClosed, Status = 499 }).ConfigureAwait(false);
            return;
        }

        var output = choices.Worst;
        var blockedChoice = choices.FirstBlocked;
        var blocked = blockedChoice is not null;
        var verdict = blockedChoice?.Blocked ?? output;
        var text = choices.Released(blockedAsEmpty: true);
        var promptTokens = finished?.PromptTokens ?? Math.Max(1, call.Conversation.TotalCharacters / 4);
        var completionTokens = finished?.CompletionTokens ?? deltas;
        if (output is not null) metrics.RecordStage(GatewayMetrics.OutputStage, output, choices.GuardMilliseconds, call.Conversation.Model);
        if (blocked)
        {
            metrics.RecordBlocks(GatewayMetrics.OutputStage, verdict!.Categories);
        }
        await access.RecordOutcomeAsync(decision, call.Conversation.Model, promptTokens + completionTokens, blocked && !GuardFaults.IsGatewayFault(verdict), CancellationToken.None).ConfigureAwait(false);

        record = record with
        {
            Outcome = blocked ? (GuardFaults.IsGatewayFault(verdict) ? GuardFaults.Outcome : Outcomes.BlockedOutput) : Outcomes.Served, Status = 200,
            Output = verdict is null ? null : AuditVerdict.From(verdict),
            ResponseCommitment = committer.Commit(text),
            PromptTokens = promptTokens, CompletionTokens = completionTokens,
            DurationMs = time.GetElapsedTime(started).TotalMilliseconds,
            Details = BlockedChoices(choices, choices.ToolAudit().Details(RequestAuditor.Attempts(attempts))),
        };
        metrics.Requests.Add(1, new("protocol", protocol.Name), new("outcome", record.Outcome));
        var index = await auditor.AppendAsync(record).ConfigureAwait(false);
        if (index is null)
        {
            await protocol.WriteErrorAsync(http, RequestAuditor.AuditUnavailable(), new BulwarkInfo(record.RequestId, [], null, "audit_unavailable")).ConfigureAwait(false);
            return;
        }
        await auditor.StoreContentAsync(index.Value, PromptText.Canonical(call.Conversation), text).ConfigureAwait(false);
        http.Response.Headers[RequestIds.AuditHeader] = index.Value.ToString(CultureInfo.InvariantCulture);
        var info = new BulwarkInfo(record.RequestId, blocked ? verdict!.Categories : [], index, blocked ? Outcomes.ContentFilter : null, blocked ? verdict!.RuleIds : null);
        var all = choices.All.Select(c => Completed(c, finished)).ToList();
        var first = all[0];
        try
        {
            await protocol.WriteCompletionAsync(http, new CompletionResult(publicModel, first.Text, first.FinishReason, promptTokens, completionTokens, info)
            {
                ToolCalls = first.ToolCalls, Details = finished?.Details, Logprobs = first.Logprobs, Choices = all.Count > 1 ? all : [],
                Thinking = choices.First is { Blocked: null, HasThinking: true } zero ? zero.Thinking.Blocks : [],
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Client left after the record was written.
        }
    }

    /// <summary>Tool-call ids the gateway makes up when the upstream sent none: unique per request and choice.</summary>
    public static string ToolIdPrefix(string requestId, int choice) => choice == 0 ? "call_" + requestId + "_" : "call_" + requestId + "_" + choice.ToString(CultureInfo.InvariantCulture) + "_";

    /// <summary>Which choices were blocked, in the audit details, when the caller asked for several.</summary>
    public static JsonObject? BlockedChoices(AnswerChoices choices, JsonObject? details)
    {
        if (choices.Count < 2 || choices.BlockedIndexes is not { Length: > 0 } blocked) return details;
        details ??= [];
        details["blocked_choices"] = new JsonArray(blocked.Select(i => (JsonNode)JsonValue.Create(i)).ToArray());
        return details;
    }

    private static CompletionChoice Completed(AnswerChoice c, UpstreamFinished? finished) =>
        c.Blocked is not null
            ? new CompletionChoice(c.Index, "", Outcomes.ContentFilter, [], null)
            : new CompletionChoice(c.Index, c.Released, finished?.FinishReasonOf(c.Index) ?? "stop", c.ToolCalls, c.Logprobs.Seen && !c.Logprobs.Withheld ? AllLogprobs(c) : null);

    private static JsonArray AllLogprobs(AnswerChoice c)
    {
        c.Logprobs.ReleaseAll();
        return c.Logprobs.Released;
    }
}
