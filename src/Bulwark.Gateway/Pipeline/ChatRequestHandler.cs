using System.Text;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Auditing.Content;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Protocols;
using Bulwark.Gateway.Protocols.Tools;
using Bulwark.Gateway.Upstreams;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bulwark.Gateway.Pipeline;

/// <summary>
/// One API call (ARCHITECTURE.md, the request flow): check the key from the headers, read and parse the body, check access
/// to the model, choose the policy, run the input guards over every string the model will read, call the upstream,
/// guard the output (holding back streamed text until it is scanned), and append exactly one audit record
/// (two for a stream: its start, whose index is the receipt header, and its outcome). Every refusal is in the
/// client's protocol and carries <c>bulwark-request-id</c> and, when audited, <c>bulwark-audit-index</c>.
/// If the audit record cannot be written the call is refused: nothing is served unaudited.
/// </summary>
public sealed partial class ChatRequestHandler(
    BulwarkOptions options,
    IAccessController access,
    GuardPipeline guards,
    PolicyProvider policies,
    UpstreamRegistry upstreams,
    IAuditAppender audit,
    IContentCommitter committer,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<ChatRequestHandler> logger,
    AuditContentVault? vault = null)
{
    private readonly ToolAllowlist _toolAllowlist = new(options);

    public async Task HandleAsync(HttpContext http, IRequestProtocol protocol)
    {
        var started = time.GetTimestamp();
        var requestId = RequestIds.Get(http);
        var aborted = http.RequestAborted;
        var record = new AuditRecord
        {
            Kind = "request", Time = time.GetUtcNow(), RequestId = requestId, Protocol = protocol.Name,
            Route = http.Request.Path.Value, Outcome = "invalid",
        };
        var key = ApiKeys.FromRequest(http.Request);
        var remote = http.Connection.RemoteIpAddress;

        // 1. Authenticate from the headers alone: an unauthenticated request costs no more than reading them. Its body
        // is refused unread, and it is counted in a per-address summary record rather than audited one by one.
        var caller = await access.AuthorizeAsync(new AccessRequest(key, null, record.Route ?? "", remote), aborted).ConfigureAwait(false);
        if (caller.Unauthenticated)
        {
            RequestBodyReader.Refuse(http);
            var code = caller.StatusCode == 401 ? "invalid_api_key" : caller.Code;
            await protocol.WriteErrorAsync(http, new GatewayError(caller.StatusCode, code, caller.Message) { RetryAfterSeconds = caller.RetryAfterSeconds },
                new BulwarkInfo(requestId, [], null, code)).ConfigureAwait(false);
            return;
        }

        // 2. Read and parse the body (JsonBodyRules), then authorise the model when it is one we serve.
        var body = await RequestBodyReader.ReadAsync(http.Request, options.MaxRequestBytes, aborted).ConfigureAwait(false);
        ParseOutcome parsed = default;
        if (body.Body is not null) parsed = ParseSafely(protocol, body.Body, requestId);
        var model = parsed.Ok ? parsed.Request.Model : null;
        var known = model is not null && options.Models.ContainsKey(model);
        var decision = caller.Allowed && known
            ? await access.AuthorizeAsync(new AccessRequest(key, model, record.Route ?? "", remote), aborted).ConfigureAwait(false)
            : caller;
        record = record with
        {
            Principal = decision.Allowed || decision.Caller != CallerInfo.Anonymous ? decision.Caller.PrincipalId : null,
            KeyId = decision.Caller.KeyId, Groups = decision.Caller.Groups, Model = model,
        };
        if (!decision.Allowed)
        {
            // Failed authentication looks the same whatever the reason (unknown, revoked, expired): the audit record keeps the reason.
            var code = decision.StatusCode == 401 ? "invalid_api_key" : decision.Code;
            var denied = new GatewayError(decision.StatusCode, code, decision.Message) { RetryAfterSeconds = decision.RetryAfterSeconds };
            await RefuseAsync(http, protocol, record with { Outcome = "denied", Status = decision.StatusCode, Reason = decision.Code }, denied, [], started).ConfigureAwait(false);
            return;
        }
        if (body.Error is { } bodyError)
        {
            await RefuseAsync(http, protocol, record with { Status = bodyError.StatusCode, Reason = bodyError.Code }, bodyError, [], started).ConfigureAwait(false);
            return;
        }
        if (!parsed.Ok)
        {
            var e = parsed.Error;
            await RefuseAsync(http, protocol, record with { Status = e.StatusCode, Reason = e.Code }, new GatewayError(e.StatusCode, e.Code, e.Message, e.Param), [], started).ConfigureAwait(false);
            return;
        }
        var request = parsed.Request;
        if (!known)
        {
            var e = new GatewayError(404, "model_not_found", $"The model '{Truncate(request.Model)}' does not exist or you do not have access to it.", "model");
            await RefuseAsync(http, protocol, record with { Status = 404, Reason = e.Code }, e, [], started).ConfigureAwait(false);
            return;
        }

        var modelOptions = options.Models[request.Model];
        // Policy by precedence: key > principal > group > model > global (PolicyProvider.Resolve).
        if (policies.Resolve(decision.Caller, request.Model) is not { } policy)
        {
            var e = new GatewayError(503, "policy_unavailable", "The policy bound to this API key is not configured on this gateway; the request was refused.");
            await RefuseAsync(http, protocol, record with { Status = 503, Reason = e.Code }, e, [], started).ConfigureAwait(false);
            return;
        }
        // The guards read request.Scanned: every string of the body that will be forwarded, not only the messages.
        var conversation = request.Conversation;
        var scanned = request.Scanned;
        record = record with
        {
            PolicyName = policy.Name, PolicyHash = policy.Hash,
            PromptCommitment = committer.Commit(PromptText.Canonical(scanned)),
        };

        // Input guards.
        Verdict input;
        try
        {
            input = await guards.EvaluateInputAsync(policy, scanned, decision.Caller, requestId, aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            await AppendQuietlyAsync(record with { Outcome = "client_closed", Status = 499 }, aborted).ConfigureAwait(false);
            return;
        }
        metrics.GuardDuration.Record(input.Milliseconds, new KeyValuePair<string, object?>("stage", "input"));
        metrics.RecordGuardRuns(input, "input", conversation.Model);
        record = record with { Input = AuditVerdict.From(input) };
        if (input.IsBlocked)
        {
            foreach (var c in input.Categories) metrics.Blocks.Add(1, new("stage", "input"), new("category", c));
            // A guard that failed or timed out is the gateway's fault: it never counts as the caller's offence.
            var gatewayFault = GuardFaults.IsGatewayFault(input);
            await access.RecordOutcomeAsync(decision, request.Model, 0, blocked: !gatewayFault, CancellationToken.None).ConfigureAwait(false);
            if (gatewayFault)
            {
                // A guard failed or timed out and the policy fails closed: a server-side refusal, not a verdict on the content.
                await RefuseAsync(http, protocol, record with { Outcome = GuardFaults.Outcome, Status = 503, Reason = "guard_error", Actor = GuardFaults.Actor },
                    new GatewayError(503, "guard_error", "The request could not be checked by Bulwark's guards and was refused (fail closed). Retry later."),
                    input.Categories, started).ConfigureAwait(false);
                return;
            }
            var message = input.Categories.Contains(Categories.Limits)
                ? "The request exceeds this gateway's limits: " + input.Reason
                : "The request was blocked by Bulwark's content policy (" + string.Join(", ", input.Categories) + ").";
            await RefuseAsync(http, protocol, record with { Outcome = "blocked_input", Status = 400, Reason = "content_filter" },
                new GatewayError(400, "content_filter", message), input.Categories, started, input.RuleIds).ConfigureAwait(false);
            return;
        }

        // A Redact verdict masks every value (typed placeholders) in the conversation and the forwarded body alike.
        var forwarded = input.Action == GuardAction.Redact ? RequestRedaction.Apply(request.Body, input.Redactions) : request.Body;
        if (input.Action == GuardAction.Redact) conversation = Redactor.Apply(conversation, input.Redactions);
        var upstream = upstreams.For(modelOptions);
        var call = new UpstreamCall(conversation, modelOptions.UpstreamModel ?? request.Model, protocol.Name, forwarded);
        if (protocol is not IClientProtocol answering)
        {
            // Embeddings: the upstream's answer is returned as it came, there is nothing to write or guard.
            await EmbedAsync(http, protocol, record, decision, modelOptions, call, started).ConfigureAwait(false);
            return;
        }
        var publicModel = upstream.Kind == "simulated" ? request.Model + " [simulated]" : request.Model;
        http.Response.Headers["bulwark-upstream"] = upstream.Kind == "simulated" ? "simulated" : upstream.Name;

        if (request.Stream)
            await StreamAsync(http, answering, record, decision, policy, call, upstream, publicModel, started).ConfigureAwait(false);
        else
            await CompleteAsync(http, answering, record, decision, policy, call, upstream, publicModel, started).ConfigureAwait(false);
    }

    /// <summary>
    /// Safety net around the protocol parser: an exception there is a parser defect, never the caller's fault and never
    /// a 500. The request is refused as invalid in the protocol's shape; the log names the exception type only.
    /// </summary>
    private ParseOutcome ParseSafely(IRequestProtocol protocol, System.Text.Json.Nodes.JsonObject body, string requestId)
    {
        try
        {
            return protocol.Parse(body);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogParserFault(logger, requestId, protocol.Name, ex.GetType().Name);
            return new RequestError("invalid_request", "The request body does not follow the " + protocol.Name + " request format.");
        }
    }

    /// <summary>Audits a refusal, then sends it in the client's protocol with the receipt.</summary>
    private async Task RefuseAsync(HttpContext http, IRequestProtocol protocol, AuditRecord record, GatewayError error, IReadOnlyList<string> categories, long started, IReadOnlyList<string>? rules = null)
    {
        metrics.Requests.Add(1, new("protocol", protocol.Name), new("outcome", record.Outcome));
        record = record with { DurationMs = time.GetElapsedTime(started).TotalMilliseconds };
        long? index = await AppendAsync(record, http.RequestAborted).ConfigureAwait(false);
        if (index is null)
        {
            error = error with { StatusCode = 503, Code = "audit_unavailable", Message = "The audit log is unavailable; Bulwark refuses to answer unaudited." };
        }
        else
        {
            http.Response.Headers[RequestIds.AuditHeader] = index.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (http.RequestAborted.IsCancellationRequested) return;
        try
        {
            await protocol.WriteErrorAsync(http, error, new BulwarkInfo(record.RequestId, categories, index, error.Code, rules)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client left; its refusal is already audited.
        }
    }

    /// <summary>Appends a record and returns its index, or null (logged, counted) when the log cannot take it.</summary>
    private async Task<long?> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        try
        {
            // The audit write is not cancelled by a client that leaves: its record must still land.
            return await audit.AppendAsync(record.ToCanonicalBytes(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.AuditFailures.Add(1);
            LogAuditFailure(logger, record.RequestId, ex.GetType().Name);
            return null;
        }
    }

    private Task<long?> AppendQuietlyAsync(AuditRecord record, CancellationToken cancellationToken) => AppendAsync(record, cancellationToken);

    private async Task StoreContentAsync(long index, string part, string text)
    {
        if (vault is null || text.Length == 0) return;
        try
        {
            await vault.StoreAsync(index, part, text, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogContentFailure(logger, index, ex.GetType().Name);
        }
    }

    private static string Truncate(string s) => s.Length <= 64 ? s : s[..64] + "…";

    [LoggerMessage(Level = LogLevel.Error, Message = "audit append failed for request {RequestId}: {Error}; the request is refused")]
    private static partial void LogAuditFailure(ILogger logger, string requestId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not store encrypted content for audit index {Index}: {Error}")]
    private static partial void LogContentFailure(ILogger logger, long index, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "request {RequestId}: the {Protocol} parser failed with {Error}; refused as invalid_request")]
    private static partial void LogParserFault(ILogger logger, string requestId, string protocol, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "request {RequestId} {Protocol} model={Model} outcome={Outcome} status={Status}")]
    private static partial void LogOutcome(ILogger logger, string requestId, string protocol, string? model, string outcome, int status);
}
