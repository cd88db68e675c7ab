using System.Globalization;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Protocols;
using Bulwark.Gateway.Protocols.Tools;
using Bulwark.Gateway.Streaming;
using Bulwark.Gateway.Upstreams;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Pipeline;

// The answer half of ChatRequestHandler: non-streamed and streamed upstream calls through the output gate.
public sealed partial class ChatRequestHandler
{
    /// <summary>Largest answer collected for a non-streamed call; beyond it the upstream is stopped ("length").</summary>
    public const int MaxCollectedCharacters = 4 * 1024 * 1024;

    private async Task CompleteAsync(HttpContext http, IClientProtocol protocol, AuditRecord record, AccessDecision decision, Policy policy,
        UpstreamCall call, IUpstreamClient upstream, string publicModel, long started)
    {
        var aborted = http.RequestAborted;
        using var upstreamCts = CancellationTokenSource.CreateLinkedTokenSource(aborted, decision.Withdrawn);
        var gate = new OutputGate(guards, policy, call.Conversation, decision.Caller, record.RequestId);
        var calls = new ToolCallAssembler();
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
                        gate.Add(d.Text);
                        deltas++;
                        break;
                    case ToolCallDelta t:
                        calls.Add(t);
                        break;
                    case UpstreamAttempt a:
                        attempts.Add(a);
                        break;
                    case UpstreamFinished f:
                        finished = f;
                        break;
                    case UpstreamFailure x:
                        failure = x;
                        break;
                }
                if (gate.PendingLength + calls.Length > MaxCollectedCharacters)
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
                await RefuseAsync(http, protocol, record with { Outcome = "withdrawn", Status = 403, Reason = "access_withdrawn" },
                    new GatewayError(403, "access_withdrawn", "Access was withdrawn while the request was in flight."), [], started).ConfigureAwait(false);
                return;
            }
            await AppendAsync(record with { Outcome = "client_closed", Status = 499, DurationMs = time.GetElapsedTime(started).TotalMilliseconds }, aborted).ConfigureAwait(false);
            return;
        }

        if (failure is not null)
        {
            await RefuseAsync(http, protocol, record with { Outcome = "upstream_error", Status = failure.StatusCode, Reason = failure.Code, Details = Attempts(attempts) },
                GatewayError.FromUpstream(failure), [], started).ConfigureAwait(false);
            return;
        }

        GateResult scan;
        try
        {
            using (GatewayMetrics.StartOutputGate()) scan = await gate.ScanAsync(final: true, aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            await AppendAsync(record with { Outcome = "client_closed", Status = 499 }, aborted).ConfigureAwait(false);
            return;
        }
        var tools = scan.Blocked ? default : await CheckToolCallsAsync(gate, calls, policy, decision.Caller, call.Conversation.Model, record.RequestId, aborted).ConfigureAwait(false);
        var output = tools.Verdict ?? gate.Worst;
        var blocked = scan.Blocked || tools.Verdict is not null;
        var text = blocked ? "" : gate.Released;
        var promptTokens = finished?.PromptTokens ?? Math.Max(1, call.Conversation.TotalCharacters / 4);
        var completionTokens = finished?.CompletionTokens ?? deltas;
        if (output is not null) metrics.GuardDuration.Record(gate.GuardMilliseconds, new KeyValuePair<string, object?>("stage", "output"));
        if (output is not null) metrics.RecordGuardRuns(output, "output", call.Conversation.Model);
        if (blocked)
        {
            foreach (var c in output!.Categories) metrics.Blocks.Add(1, new("stage", "output"), new("category", c));
        }
        await access.RecordOutcomeAsync(decision, call.Conversation.Model, promptTokens + completionTokens, blocked && !GuardFaults.IsGatewayFault(output), CancellationToken.None).ConfigureAwait(false);

        record = record with
        {
            Outcome = blocked ? (GuardFaults.IsGatewayFault(output) ? GuardFaults.Outcome : "blocked_output") : "served", Status = 200,
            Output = output is null ? null : AuditVerdict.From(output),
            ResponseCommitment = committer.Commit(text),
            PromptTokens = promptTokens, CompletionTokens = completionTokens,
            DurationMs = time.GetElapsedTime(started).TotalMilliseconds,
            Details = tools.Details(Attempts(attempts)),
        };
        metrics.Requests.Add(1, new("protocol", protocol.Name), new("outcome", record.Outcome));
        var index = await AppendAsync(record, aborted).ConfigureAwait(false);
        if (index is null)
        {
            await protocol.WriteErrorAsync(http, new GatewayError(503, "audit_unavailable", "The audit log is unavailable; Bulwark refuses to answer unaudited."),
                new BulwarkInfo(record.RequestId, [], null, "audit_unavailable")).ConfigureAwait(false);
            return;
        }
        if (options.StoreContent)
        {
            await StoreContentAsync(index.Value, "prompt", PromptText.Canonical(call.Conversation)).ConfigureAwait(false);
            await StoreContentAsync(index.Value, "response", text).ConfigureAwait(false);
        }
        http.Response.Headers[RequestIds.AuditHeader] = index.Value.ToString(CultureInfo.InvariantCulture);
        var finish = blocked ? "content_filter" : finished?.FinishReason ?? "stop";
        var info = new BulwarkInfo(record.RequestId, blocked ? output!.Categories : [], index, blocked ? "content_filter" : null, blocked ? output!.RuleIds : null);
        try
        {
            await protocol.WriteCompletionAsync(http, new CompletionResult(publicModel, text, finish, promptTokens, completionTokens, info) { ToolCalls = blocked ? [] : tools.Calls ?? [], Details = finished?.Details }).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Client left after the record was written.
        }
    }

    private async Task StreamAsync(HttpContext http, IClientProtocol protocol, AuditRecord record, AccessDecision decision, Policy policy,
        UpstreamCall call, IUpstreamClient upstream, string publicModel, long started)
    {
        var aborted = http.RequestAborted;
        using var upstreamCts = CancellationTokenSource.CreateLinkedTokenSource(aborted, decision.Withdrawn);
        var attempts = new List<UpstreamAttempt>();

        // The upstream is asked first: one that refuses before answering (a 4xx, a 429, every fallback down) is
        // answered with its status in the client's protocol, not with a 200 stream that ends in an error.
        await using var events = metrics.TraceUpstream(upstream, call, upstreamCts.Token).GetAsyncEnumerator(upstreamCts.Token);
        UpstreamEvent? first = null;
        try
        {
            while (await events.MoveNextAsync().ConfigureAwait(false))
            {
                if (events.Current is UpstreamAttempt a) attempts.Add(a);
                else
                {
                    first = events.Current;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (upstreamCts.IsCancellationRequested)
        {
            await AppendAsync(record with { Outcome = "client_closed", Status = 499, DurationMs = time.GetElapsedTime(started).TotalMilliseconds }, aborted).ConfigureAwait(false);
            return;
        }
        if (first is UpstreamFailure early)
        {
            await RefuseAsync(http, protocol, record with { Outcome = "upstream_error", Status = early.StatusCode, Reason = early.Code, Details = Attempts(attempts) },
                GatewayError.FromUpstream(early), [], started).ConfigureAwait(false);
            return;
        }

        // The receipt for a stream is written before its first byte.
        var startIndex = await AppendAsync(record with { Kind = "stream_start", Outcome = "streaming", Status = 200 }, aborted).ConfigureAwait(false);
        if (startIndex is null)
        {
            await RefuseAsync(http, protocol, record with { Outcome = "error", Status = 503, Reason = "audit_unavailable" },
                new GatewayError(503, "audit_unavailable", "The audit log is unavailable; Bulwark refuses to answer unaudited."), [], started).ConfigureAwait(false);
            return;
        }
        http.Response.Headers[RequestIds.AuditHeader] = startIndex.Value.ToString(CultureInfo.InvariantCulture);
        var end = record with { Kind = "stream_end" };

        var gate = new OutputGate(guards, policy, call.Conversation, decision.Caller, record.RequestId);
        var writer = protocol.CreateStreamWriter(http, publicModel, record.RequestId);
        var calls = new ToolCallAssembler();
        var tools = default(ToolCheck);
        var promptTokens = Math.Max(1, call.Conversation.TotalCharacters / 4);
        var deltas = 0;
        var firstText = true;
        string outcome;
        int status = 200;
        string? reason = null;
        UpstreamFinished? finished = null;
        GatewayError? failure = null;
        Verdict? blockVerdict = null;

        try
        {
            await writer.StartAsync(promptTokens, aborted).ConfigureAwait(false);
            await foreach (var e in Prepend(first, events).ConfigureAwait(false))
            {
                if (writer is Protocols.Responses.IUpstreamEventObserver observer) await observer.ObserveAsync(e, aborted).ConfigureAwait(false);
                if (e is TextDelta d)
                {
                    gate.Add(d.Text);
                    deltas++;
                    while (gate.HasFullWindow)
                    {
                        GateResult scan;
                        using (GatewayMetrics.StartOutputGate()) scan = await gate.ScanAsync(final: false, upstreamCts.Token).ConfigureAwait(false);
                        if (scan.Blocked)
                        {
                            blockVerdict = scan.Verdict;
                            break;
                        }
                        if (scan.Release!.Length > 0)
                        {
                            if (firstText)
                            {
                                metrics.TimeToFirstToken.Record(time.GetElapsedTime(started).TotalMilliseconds);
                                firstText = false;
                            }
                            await writer.WriteTextAsync(scan.Release, aborted).ConfigureAwait(false);
                        }
                    }
                    if (blockVerdict is not null) break; // leaving the loop disposes the upstream call: the model is stopped.
                }
                else if (e is ToolCallDelta t)
                {
                    calls.Add(t);
                }
                else if (e is UpstreamAttempt a)
                {
                    attempts.Add(a);
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

            if (blockVerdict is null && failure is null)
            {
                if (finished is null)
                {
                    failure = new GatewayError(502, "upstream_closed", $"upstream '{upstream.Name}' ended the stream before finishing its answer");
                }
                else
                {
                    GateResult last;
                    using (GatewayMetrics.StartOutputGate()) last = await gate.ScanAsync(final: true, aborted).ConfigureAwait(false);
                    if (last.Blocked) blockVerdict = last.Verdict;
                    else if (last.Release!.Length > 0) await writer.WriteTextAsync(last.Release, aborted).ConfigureAwait(false);
                    if (blockVerdict is null)
                    {
                        // Tool calls are held whole until they pass the allowlist and the output guards.
                        tools = await CheckToolCallsAsync(gate, calls, policy, decision.Caller, call.Conversation.Model, record.RequestId, aborted).ConfigureAwait(false);
                        blockVerdict = tools.Verdict;
                        for (var i = 0; blockVerdict is null && i < tools.Calls!.Count; i++)
                            await writer.WriteToolCallAsync(i, tools.Calls[i], aborted).ConfigureAwait(false);
                    }
                }
            }

            if (blockVerdict is not null)
            {
                var fault = GuardFaults.IsGatewayFault(blockVerdict);
                outcome = fault ? GuardFaults.Outcome : "blocked_output";
                reason = fault ? "guard_error" : "content_filter";
                foreach (var c in blockVerdict.Categories) metrics.Blocks.Add(1, new("stage", "output"), new("category", c));
            }
            else if (failure is not null)
            {
                outcome = "upstream_error";
                status = failure.StatusCode;
                reason = failure.Code;
            }
            else
            {
                outcome = "served";
            }
        }
        catch (OperationCanceledException) when (decision.Withdrawn.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            outcome = "withdrawn";
            status = 403;
            reason = "access_withdrawn";
            failure = new GatewayError(403, "access_withdrawn", "Access was withdrawn while the answer was streaming; the stream was ended.");
        }
        catch (Exception ex) when (ex is ClientGoneException || (ex is OperationCanceledException or IOException && aborted.IsCancellationRequested))
        {
            outcome = "client_closed";
            status = 499;
            reason = "client_closed";
        }

        var completionTokens = finished?.CompletionTokens ?? deltas;
        if (finished?.PromptTokens is { } pt) promptTokens = pt;
        await access.RecordOutcomeAsync(decision, call.Conversation.Model, promptTokens + completionTokens, blockVerdict is not null && !GuardFaults.IsGatewayFault(blockVerdict), CancellationToken.None).ConfigureAwait(false);
        if (gate.Worst is not null) metrics.GuardDuration.Record(gate.GuardMilliseconds, new KeyValuePair<string, object?>("stage", "output"));
        if (gate.Worst is not null) metrics.RecordGuardRuns(gate.Worst, "output", call.Conversation.Model);
        metrics.Requests.Add(1, new("protocol", protocol.Name), new("outcome", outcome));

        var released = gate.Released;
        end = end with
        {
            Outcome = outcome, Status = status, Reason = reason,
            Output = gate.Worst is null ? null : AuditVerdict.From(blockVerdict ?? gate.Worst),
            ResponseCommitment = committer.Commit(released),
            PromptTokens = promptTokens, CompletionTokens = completionTokens,
            DurationMs = time.GetElapsedTime(started).TotalMilliseconds,
            Details = tools.Details(Attempts(attempts, new System.Text.Json.Nodes.JsonObject { ["stream_start_index"] = startIndex.Value })),
        };
        var endIndex = await AppendAsync(end, aborted).ConfigureAwait(false);
        if (endIndex is { } ei && options.StoreContent)
        {
            await StoreContentAsync(ei, "prompt", PromptText.Canonical(call.Conversation)).ConfigureAwait(false);
            await StoreContentAsync(ei, "response", released).ConfigureAwait(false);
        }
        if (outcome == "client_closed") return;

        try
        {
            if (endIndex is null)
            {
                await writer.FailAsync(new GatewayError(503, "audit_unavailable", "The audit log is unavailable; the stream was ended."),
                    new BulwarkInfo(record.RequestId, [], null, "audit_unavailable"), aborted).ConfigureAwait(false);
            }
            else if (blockVerdict is not null)
            {
                await writer.FinishAsync("content_filter", promptTokens, completionTokens,
                    new BulwarkInfo(record.RequestId, blockVerdict.Categories, endIndex, "content_filter", blockVerdict.RuleIds), null, aborted).ConfigureAwait(false);
            }
            else if (failure is not null)
            {
                await writer.FailAsync(failure, new BulwarkInfo(record.RequestId, [], endIndex, failure.Code), aborted).ConfigureAwait(false);
            }
            else
            {
                await writer.FinishAsync(finished!.FinishReason, promptTokens, completionTokens, new BulwarkInfo(record.RequestId, [], endIndex), finished.Details, aborted).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client left during the last events; the outcome is already audited.
        }
    }

    private static async IAsyncEnumerable<UpstreamEvent> Prepend(UpstreamEvent? first, IAsyncEnumerator<UpstreamEvent> rest)
    {
        if (first is null) yield break;
        yield return first;
        while (await rest.MoveNextAsync().ConfigureAwait(false)) yield return rest.Current;
    }

    /// <summary>The failed upstream attempts before the one that answered (fallbacks), for the audit record.</summary>
    private static System.Text.Json.Nodes.JsonObject? Attempts(List<UpstreamAttempt> attempts, System.Text.Json.Nodes.JsonObject? details = null)
    {
        if (attempts.Count == 0) return details;
        details ??= [];
        details["attempts"] = new System.Text.Json.Nodes.JsonArray(attempts.Select(a => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
        {
            ["upstream"] = a.Upstream, ["status"] = a.StatusCode, ["code"] = a.Code,
        }).ToArray());
        return details;
    }

    /// <summary>
    /// The model's tool calls, checked before any is released: a tool outside the allowlist blocks the answer
    /// (audited with the tool's name), then each call's name and arguments pass the output guards like text.
    /// </summary>
    private async Task<ToolCheck> CheckToolCallsAsync(OutputGate gate, ToolCallAssembler calls, Policy policy, Core.Guards.CallerInfo caller, string model, string requestId, CancellationToken cancellationToken)
    {
        var list = calls.Complete("call_" + requestId + "_");
        foreach (var c in list)
        {
            if (!_toolAllowlist.IsAllowed(model, caller, c.Name)) return new ToolCheck(list, ToolAllowlist.Refusal(c.Name, policy), c.Name);
            var verdict = await gate.ScanToolCallAsync(c.ScanText, cancellationToken).ConfigureAwait(false);
            if (verdict.IsBlocked) return new ToolCheck(list, verdict, c.Name);
        }
        return new ToolCheck(list, null, null);
    }
}
