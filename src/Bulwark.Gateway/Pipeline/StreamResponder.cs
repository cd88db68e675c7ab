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
/// Answers a streamed call. The upstream is asked first, so one that refuses before answering gets its status in the
/// client's protocol; then the stream's start is audited (its index is the receipt header) and each choice's text is
/// released window by window as its own output gate passes it. Tool calls are held whole until checked. A blocked
/// choice is halted ("content_filter"); when every choice is halted the upstream is stopped. The outcome is audited
/// before the last event, which carries the receipt.
/// </summary>
public sealed class StreamResponder(
    GuardPipeline guards,
    IAccessController access,
    IContentCommitter committer,
    GatewayMetrics metrics,
    TimeProvider time,
    RequestAuditor auditor,
    ToolCallChecker toolChecker)
{
    public async Task RespondAsync(AnswerContext a)
    {
        var (http, protocol, record, decision, policy, call, upstream, publicModel, started) = a;
        var aborted = http.RequestAborted;
        using var upstreamCts = CancellationTokenSource.CreateLinkedTokenSource(aborted, decision.Withdrawn);
        var attempts = new List<UpstreamAttempt>();

        // 1. Ask the upstream: a refusal before answering (a 4xx, a 429, every fallback down) keeps its status.
        await using var events = metrics.TraceUpstream(upstream, call, upstreamCts.Token).GetAsyncEnumerator(upstreamCts.Token);
        UpstreamEvent? first = null;
        try
        {
            while (await events.MoveNextAsync().ConfigureAwait(false))
            {
                if (events.Current is UpstreamAttempt attempt) attempts.Add(attempt);
                else
                {
                    first = events.Current;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (upstreamCts.IsCancellationRequested)
        {
            await auditor.AppendAsync(record with { Outcome = Outcomes.ClientClosed, Status = 499, DurationMs = time.GetElapsedTime(started).TotalMilliseconds }).ConfigureAwait(false);
            return;
        }
        if (first is UpstreamFailure early)
        {
            await auditor.RefuseAsync(http, protocol, record with { Outcome = Outcomes.UpstreamError, Status = early.StatusCode, Reason = early.Code, Details = RequestAuditor.Attempts(attempts) },
                GatewayError.FromUpstream(early), [], started).ConfigureAwait(false);
            return;
        }

        // 2. The receipt for a stream is written before its first byte.
        var startIndex = await auditor.AppendAsync(record with { Kind = "stream_start", Outcome = Outcomes.Streaming, Status = 200 }).ConfigureAwait(false);
        if (startIndex is null)
        {
            await auditor.RefuseAsync(http, protocol, record with { Outcome = Outcomes.Error, Status = 503, Reason = "audit_unavailable" },
                RequestAuditor.AuditUnavailable(), [], started).ConfigureAwait(false);
            return;
        }
        http.Response.Headers[RequestIds.AuditHeader] = startIndex.Value.ToString(CultureInfo.InvariantCulture);

        var choices = new AnswerChoices(call.Conversation.Choices, () => new OutputGate(guards, policy, call.Conversation, decision.Caller, record.RequestId));
        var writer = protocol.CreateStreamWriter(http, publicModel, record.RequestId);
        var output = new ChoiceOutput(writer);
        var promptTokens = Math.Max(1, call.Conversation.TotalCharacters / 4);
        var deltas = 0;
        var firstText = true;
        string outcome;
        var status = 200;
        string? reason = null;
        UpstreamFinished? finished = null;
        GatewayError? failure = null;

        try
        {
            // 3. Release each choice's text as its gate passes it; hold tool calls.
            await writer.StartAsync(promptTokens, aborted).ConfigureAwait(false);
            await foreach (var e in Prepend(first, events).ConfigureAwait(false))
            {
                if (writer is Protocols.Responses.IUpstreamEventObserver observer) await observer.ObserveAsync(e, aborted).ConfigureAwait(false);
                if (e is TextDelta d)
                {
                    if (choices.Get(d.Choice) is not { Blocked: null } choice) continue;
                    choice.Add(d);
                    deltas++;
                    while (choice.Blocked is null && choice.Gate.HasFullWindow)
                    {
                        GateResult scan;
                        using (GatewayMetrics.StartOutputGate()) scan = await choice.Gate.ScanAsync(final: false, upstreamCts.Token).ConfigureAwait(false);
                        if (scan.Blocked)
                        {
                            choice.Block(scan.Verdict!);
                        }
                        else if (scan.Release!.Length > 0)
                        {
                            if (firstText)
                            {
                                metrics.TimeToFirstToken.Record(time.GetElapsedTime(started).TotalMilliseconds);
                                firstText = false;
                            }
                            await output.WriteTextAsync(choice, scan.Release, final: false, aborted).ConfigureAwait(false);
                        }
                    }
                    if (choices.AllBlocked) break; // leaving the loop disposes the upstream call: the model is stopped.
                }
                else if (e is ThinkingDelta th)
                {
                    // Thinking is shown only by protocols that have it; it passes its own gate before it is released.
                    if (writer is not IThinkingStreamWriter thinking || choices.First is not { Blocked: null } choice) continue;
                    await ReleaseThinkingAsync(choice, th, thinking, upstreamCts.Token, aborted).ConfigureAwait(false);
                    if (choices.AllBlocked) break;
                }
                else if (e is ToolCallDelta t)
                {
                    if (choices.Get(t.Choice) is { Blocked: null } choice) choice.Calls.Add(t);
                }
                else if (e is UpstreamAttempt attempt)
                {
                    attempts.Add(attempt);
                }
                else if (e is UpstreamFinished f)
                {
                    finished = f;
                    break;
                }
                else if (e is UpstreamFailure x)
                {
                    failure = GatewayError.FromUpstream(x);
                    break;
                }
            }

            // 4. At the end of the answer, the rest of each open choice and its tool calls pass the guards.
            if (!choices.AllBlocked && failure is null)
            {
                if (finished is null)
                {
                    failure = new GatewayError(502, "upstream_closed", $"upstream '{upstream.Name}' ended the stream before finishing its answer");
                }
                else
                {
                    choices.Complete();
                    foreach (var choice in choices.All.Where(c => c.Blocked is null))
                    {
                        GateResult last;
                        using (GatewayMetrics.StartOutputGate()) last = await choice.Gate.ScanAsync(final: true, aborted).ConfigureAwait(false);
                        if (last.Blocked)
                        {
                            choice.Block(last.Verdict!);
                            continue;
                        }
                        await output.WriteTextAsync(choice, last.Release!, final: true, aborted).ConfigureAwait(false);
                        // Tool calls are held whole until they pass the allowlist and the output guards.
                        choice.Accept(await toolChecker.CheckAsync(choice.Gate, choice.Calls, policy, decision.Caller, call.Conversation.Model,
                            CompletionResponder.ToolIdPrefix(record.RequestId, choice.Index), aborted).ConfigureAwait(false));
                        for (var i = 0; choice.Blocked is null && i < choice.ToolCalls.Count; i++)
                            await output.WriteToolCallAsync(choice, i, choice.ToolCalls[i], aborted).ConfigureAwait(false);
                    }
                }
            }

            if (choices.FirstBlocked?.Blocked is { } blockVerdict)
            {
                var fault = GuardFaults.IsGatewayFault(blockVerdict);
                outcome = fault ? GuardFaults.Outcome : Outcomes.BlockedOutput;
                reason = fault ? "guard_error" : Outcomes.ContentFilter;
                metrics.RecordBlocks(GatewayMetrics.OutputStage, blockVerdict.Categories);
            }
            else if (failure is not null)
            {
                outcome = Outcomes.UpstreamError;
                status = failure.StatusCode;
                reason = failure.Code;
            }
            else
            {
                outcome = Outcomes.Served;
            }
        }
        catch (OperationCanceledException) when (decision.Withdrawn.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            outcome = Outcomes.Withdrawn;
            status = 403;
            reason = "access_withdrawn";
            failure = new GatewayError(403, "access_withdrawn", "Access was withdrawn while the answer was streaming; the stream was ended.");
        }
        catch (Exception ex) when (ex is ClientGoneException || (ex is OperationCanceledException or IOException && aborted.IsCancellationRequested))
        {
            outcome = Outcomes.ClientClosed;
            status = 499;
            reason = Outcomes.ClientClosed;
        }

        // 5. Audit the outcome, then end the stream with the receipt.
        var blocked = choices.FirstBlocked?.Blocked;
        var completionTokens = finished?.CompletionTokens ?? deltas;
        if (finished?.PromptTokens is { } pt) promptTokens = pt;
        await access.RecordOutcomeAsync(decision, call.Conversation.Model, promptTokens + completionTokens, blocked is not null && !GuardFaults.IsGatewayFault(blocked), CancellationToken.None).ConfigureAwait(false);
        var worst = choices.Worst;
        if (worst is not null) metrics.RecordStage(GatewayMetrics.OutputStage, worst, choices.GuardMilliseconds, call.Conversation.Model);
        metrics.Requests.Add(1, new("protocol", protocol.Name), new("outcome", outcome));

        var released = choices.Released(blockedAsEmpty: false);
        var end = record with
        {
            Kind = "stream_end", Outcome = outcome, Status = status, Reason = reason,
            Output = worst is null ? null : AuditVerdict.From(blocked ?? worst),
            ResponseCommitment = committer.Commit(released),
            PromptTokens = promptTokens, CompletionTokens = completionTokens,
            DurationMs = time.GetElapsedTime(started).TotalMilliseconds,
            Details = CompletionResponder.BlockedChoices(choices, choices.ToolAudit().Details(RequestAuditor.Attempts(attempts, new JsonObject { ["stream_start_index"] = startIndex.Value }))),
        };
        var endIndex = await auditor.AppendAsync(end).ConfigureAwait(false);
        if (endIndex is { } ei) await auditor.StoreContentAsync(ei, PromptText.Canonical(call.Conversation), released).ConfigureAwait(false);
        if (outcome == Outcomes.ClientClosed) return;

        try
        {
            if (endIndex is null)
            {
                await writer.FailAsync(RequestAuditor.AuditUnavailable("The audit log is unavailable; the stream was ended."),
                    new BulwarkInfo(record.RequestId, [], null, "audit_unavailable"), aborted).ConfigureAwait(false);
            }
            else if (failure is not null)
            {
                await writer.FailAsync(failure, new BulwarkInfo(record.RequestId, [], endIndex, failure.Code), aborted).ConfigureAwait(false);
            }
            else
            {
                // Every choice ends on its own: its finish reason, or "content_filter" with the receipt when it was halted.
                choices.Complete();
                foreach (var choice in choices.All.Where(c => c.Index > 0))
                    await output.FinishChoiceAsync(choice.Index, FinishReason(choice, finished), Info(choice, record.RequestId, endIndex), aborted).ConfigureAwait(false);
                var zero = choices.First;
                await writer.FinishAsync(FinishReason(zero, finished), promptTokens, completionTokens,
                    Info(zero, record.RequestId, endIndex) ?? new BulwarkInfo(record.RequestId, [], endIndex), finished?.Details, aborted).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client left during the last events; the outcome is already audited.
        }
    }

    /// <summary>
    /// Releases a piece of thinking window by window as its gate passes it; the block's signature first makes the gate
    /// scan the rest. A block or a redaction halts the answer (signed thinking cannot be changed).
    /// </summary>
    private static async Task ReleaseThinkingAsync(AnswerChoice choice, ThinkingDelta delta, IThinkingStreamWriter writer, CancellationToken scanToken, CancellationToken aborted)
    {
        if (delta.RedactedData is { } data)
        {
            await writer.WriteRedactedThinkingAsync(data, aborted).ConfigureAwait(false);
            return;
        }
        var gate = choice.Thinking.Gate;
        gate.Add(delta.Text);
        var final = delta.Signature is not null;
        while (choice.Blocked is null && (final || gate.HasFullWindow))
        {
            GateResult scan;
            using (GatewayMetrics.StartOutputGate()) scan = await gate.ScanAsync(final, scanToken).ConfigureAwait(false);
            if (!AnswerThinking.Releasable(scan))
            {
                choice.Block(AnswerThinking.Withholding(scan));
                return;
            }
            if (scan.Release!.Length > 0) await writer.WriteThinkingAsync(scan.Release, aborted).ConfigureAwait(false);
            if (final) break;
        }
        if (final && choice.Blocked is null) await writer.WriteThinkingSignatureAsync(delta.Signature!, aborted).ConfigureAwait(false);
    }

    private static string FinishReason(AnswerChoice choice, UpstreamFinished? finished) =>
        choice.Blocked is not null ? Outcomes.ContentFilter : finished?.FinishReasonOf(choice.Index) ?? "stop";

    private static BulwarkInfo? Info(AnswerChoice choice, string requestId, long? index) =>
        choice.Blocked is { } v ? new BulwarkInfo(requestId, v.Categories, index, Outcomes.ContentFilter, v.RuleIds) : null;

    private static async IAsyncEnumerable<UpstreamEvent> Prepend(UpstreamEvent? first, IAsyncEnumerator<UpstreamEvent> rest)
    {
        if (first is null) yield break;
        yield return first;
        while (await rest.MoveNextAsync().ConfigureAwait(false)) yield return rest.Current;
    }
}
