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
public sealed partial class ChatRequestHandler
{
    /// <summary>Most choices (n) one call may ask for: each has its own output gate.</summary>
    public const int MaxChoices = 16;

    private readonly BulwarkOptions _options;
    private readonly IAccessController _access;
    private readonly GuardPipeline _guards;
    private readonly PolicyProvider _policies;
    private readonly UpstreamRegistry _upstreams;
    private readonly IContentCommitter _committer;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<ChatRequestHandler> _logger;
    private readonly RequestAuditor _auditor;
    private readonly CompletionResponder _complete;
    private readonly StreamResponder _stream;
    private readonly EmbeddingsResponder _embeddings;

    public ChatRequestHandler(
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
        _options = options;
        _access = access;
        _guards = guards;
        _policies = policies;
        _upstreams = upstreams;
        _committer = committer;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _auditor = new RequestAuditor(options, audit, metrics, time, logger, vault);
        var tools = new ToolCallChecker(options);
        _complete = new CompletionResponder(guards, access, committer, metrics, time, _auditor, tools);
        _stream = new StreamResponder(guards, access, committer, metrics, time, _auditor, tools);
        _embeddings = new EmbeddingsResponder(upstreams, access, metrics, time, _auditor);
    }

    public async Task HandleAsync(HttpContext http, IRequestProtocol protocol)
    {
        var started = _time.GetTimestamp();
        var requestId = RequestIds.Get(http);
        var aborted = http.RequestAborted;
        var record = new AuditRecord
        {
            Kind = "request", Time = _time.GetUtcNow(), RequestId = requestId, Protocol = protocol.Name,
            Route = http.Request.Path.Value, Outcome = Outcomes.Invalid,
        };
        var key = ApiKeys.FromRequest(http.Request);
        var remote = http.Connection.RemoteIpAddress;

        // 1. Authenticate from the headers alone: an unauthenticated request costs no more than reading them. Its body
        // is refused unread, and it is counted in a per-address summary record rather than audited one by one.
        var caller = await _access.AuthorizeAsync(new AccessRequest(key, null, record.Route ?? "", remote), aborted).ConfigureAwait(false);
        if (caller.Unauthenticated)
        {
            RequestBodyReader.Refuse(http);
            var code = caller.StatusCode == 401 ? "invalid_api_key" : caller.Code;
            await protocol.WriteErrorAsync(http, new GatewayError(caller.StatusCode, code, caller.Message) { RetryAfterSeconds = caller.RetryAfterSeconds },
                new BulwarkInfo(requestId, [], null, code)).ConfigureAwait(false);
            return;
        }

        // 2. Read and parse the body (JsonBodyRules), then authorise the model when it is one we serve.
        var body = await RequestBodyReader.ReadAsync(http.Request, _options.MaxRequestBytes, aborted).ConfigureAwait(false);
        ParseOutcome parsed = default;
        if (body.Body is not null) parsed = ParseSafely(protocol, body.Body, requestId);
        var model = parsed.Ok ? parsed.Request.Model : null;
        var known = model is not null && _options.Models.ContainsKey(model);
        var decision = caller.Allowed && known
            ? await _access.AuthorizeAsync(new AccessRequest(key, model, record.Route ?? "", remote), aborted).ConfigureAwait(false)
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
            await _auditor.RefuseAsync(http, protocol, record with { Outcome = Outcomes.Denied, Status = decision.StatusCode, Reason = decision.Code }, denied, [], started).ConfigureAwait(false);
            return;
        }
        if (body.Error is { } bodyError)
        {
            await _auditor.RefuseAsync(http, protocol, record with { Status = bodyError.StatusCode, Reason = bodyError.Code }, bodyError, [], started).ConfigureAwait(false);
            return;
        }
        if (!parsed.Ok)
        {
            var e = parsed.Error;
            await _auditor.RefuseAsync(http, protocol, record with { Status = e.StatusCode, Reason = e.Code }, new GatewayError(e.StatusCode, e.Code, e.Message, e.Param), [], started).ConfigureAwait(false);
            return;
        }
        var request = parsed.Request;
        if (!known)
        {
            var e = new GatewayError(404, "model_not_found", $"The model '{Truncate(request.Model)}' does not exist or you do not have access to it.", "model");
            await _auditor.RefuseAsync(http, protocol, record with { Status = 404, Reason = e.Code }, e, [], started).ConfigureAwait(false);
            return;
        }

        var modelOptions = _options.Models[request.Model];
        // Policy by precedence: key > principal > group > model > global (PolicyProvider.Resolve).
        if (_policies.Resolve(decision.Caller, request.Model) is not { } policy)
        {
            var e = new GatewayError(503, "policy_unavailable", "The policy bound to this API key is not configured on this gateway; the request was refused.");
            await _auditor.RefuseAsync(http, protocol, record with { Status = 503, Reason = e.Code }, e, [], started).ConfigureAwait(false);
            return;
        }
        // The guards read request.Scanned: every string of the body that will be forwarded, not only the messages.
        var conversation = request.Conversation;
        var scanned = request.Scanned;
        record = record with
        {
            PolicyName = policy.Name, PolicyHash = policy.Hash,
            PromptCommitment = _committer.Commit(PromptText.Canonical(scanned)),
        };

        // Input _guards.
        Verdict input;
        try
        {
            input = await _guards.EvaluateInputAsync(policy, scanned, decision.Caller, requestId, aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            await _auditor.AppendAsync(record with { Outcome = Outcomes.ClientClosed, Status = 499 }).ConfigureAwait(false);
            return;
        }
        _metrics.RecordStage(GatewayMetrics.InputStage, input, input.Milliseconds, conversation.Model);
        record = record with { Input = AuditVerdict.From(input) };
        if (input.IsBlocked)
        {
            _metrics.RecordBlocks(GatewayMetrics.InputStage, input.Categories);
            // A guard that failed or timed out is the gateway's fault: it never counts as the caller's offence.
            var gatewayFault = GuardFaults.IsGatewayFault(input);
            await _access.RecordOutcomeAsync(decision, request.Model, 0, blocked: !gatewayFault, CancellationToken.None).ConfigureAwait(false);
            if (gatewayFault)
            {
                // A guard failed or timed out and the policy fails closed: a server-side refusal, not a verdict on the content.
                await _auditor.RefuseAsync(http, protocol, record with { Outcome = GuardFaults.Outcome, Status = 503, Reason = "guard_error", Actor = GuardFaults.Actor },
                    new GatewayError(503, "guard_error", "The request could not be checked by Bulwark's guards and was refused (fail closed). Retry later."),
                    input.Categories, started).ConfigureAwait(false);
                return;
            }
            var message = input.Categories.Contains(Categories.Limits)
                ? "The request exceeds this gateway's limits: " + input.Reason
                : "The request was blocked by Bulwark's content policy (" + string.Join(", ", input.Categories) + ").";
            await _auditor.RefuseAsync(http, protocol, record with { Outcome = Outcomes.BlockedInput, Status = 400, Reason = Outcomes.ContentFilter },
                new GatewayError(400, Outcomes.ContentFilter, message), input.Categories, started, input.RuleIds).ConfigureAwait(false);
            return;
        }

        // A Redact verdict masks every value (typed placeholders) in the conversation and the forwarded body alike.
        var forwarded = input.Action == GuardAction.Redact ? RequestRedaction.Apply(request.Body, input.Redactions) : request.Body;
        if (input.Action == GuardAction.Redact) conversation = Redactor.Apply(conversation, input.Redactions);
        var upstream = _upstreams.For(modelOptions);
        var call = new UpstreamCall(conversation, modelOptions.UpstreamModel ?? request.Model, protocol.Name, forwarded);
        if (protocol is not IClientProtocol answering)
        {
            // Embeddings: the upstream's answer is returned as it came, there is nothing to write or guard.
            await _embeddings.RespondAsync(http, protocol, record, decision, modelOptions, call, started).ConfigureAwait(false);
            return;
        }
        // n > 1: only OpenAI upstreams answer with several choices; any other upstream of the model (or of its
        // fallbacks) would answer one, so such a call is refused naming "n" rather than answered short.
        if (conversation.Choices > 1 && ChoicesRefusal(modelOptions, conversation.Choices) is { } refusal)
        {
            await _auditor.RefuseAsync(http, protocol, record with { Status = 400, Reason = refusal.Code }, refusal, [], started).ConfigureAwait(false);
            return;
        }
        var publicModel = upstream.Kind == "simulated" ? request.Model + " [simulated]" : request.Model;
        http.Response.Headers["bulwark-upstream"] = upstream.Kind == "simulated" ? "simulated" : upstream.Name;

        var answer = new AnswerContext(http, answering, record, decision, policy, call, upstream, publicModel, started);
        if (request.Stream) await _stream.RespondAsync(answer).ConfigureAwait(false);
        else await _complete.RespondAsync(answer).ConfigureAwait(false);
    }

    /// <summary>The refusal of n &gt; 1 for a model that cannot answer it: too many choices, or an upstream that is not OpenAI.</summary>
    private GatewayError? ChoicesRefusal(ModelOptions model, int choices)
    {
        if (choices > MaxChoices)
            return new GatewayError(400, "unsupported_parameter", $"'n' may be at most {MaxChoices} on this gateway.", "n");
        var names = model.Fallbacks.Select(f => ModelOptions.SplitFallback(f).Upstream).Prepend(model.Upstream);
        return names.All(n => _options.Upstreams.TryGetValue(n, out var u) && u.Kind == "openai")
            ? null
            : new GatewayError(400, "unsupported_parameter", "'n' greater than 1 is supported only for models served by an OpenAI upstream (with OpenAI fallbacks only); ask for one choice per request.", "n");
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
            LogParserFault(_logger, requestId, protocol.Name, ex.GetType().Name);
            return new RequestError("invalid_request", "The request body does not follow the " + protocol.Name + " request format.");
        }
    }

    internal static string Truncate(string s) => s.Length <= 64 ? s : s[..64] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "request {RequestId}: the {Protocol} parser failed with {Error}; refused as invalid_request")]
    private static partial void LogParserFault(ILogger logger, string requestId, string protocol, string error);
}
