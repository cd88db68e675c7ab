using System.Globalization;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Protocols;
using Bulwark.Gateway.Upstreams;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Pipeline;

/// <summary>
/// POST /v1/embeddings after access and the input guards: forward the walked body to the model's upstream (or,
/// when it fails, its fallbacks that serve embeddings) and return the answer unchanged, audited with every failed
/// attempt. Nothing is generated, so there are no output guards.
/// </summary>
public sealed class EmbeddingsResponder(UpstreamRegistry upstreams, IAccessController access, GatewayMetrics metrics, TimeProvider time, RequestAuditor auditor)
{
    public async Task RespondAsync(HttpContext http, IRequestProtocol protocol, AuditRecord record, AccessDecision decision, ModelOptions model, UpstreamCall call, long started)
    {
        if (Protocols.Embeddings.EmbeddingsUpstreamChain.For(upstreams, model) is not { } upstream)
        {
            var e = new GatewayError(400, "unsupported_model", $"The model '{ChatRequestHandler.Truncate(call.Conversation.Model)}' does not serve embeddings on this gateway.", "model");
            await auditor.RefuseAsync(http, protocol, record with { Status = 400, Reason = e.Code }, e, [], started).ConfigureAwait(false);
            return;
        }
        var (answer, failure, tried) = await upstream.EmbedAsync(call, http.RequestAborted).ConfigureAwait(false);
        var attempts = RequestAuditor.Attempts([.. tried]);
        if (failure is not null || answer is null)
        {
            var error = failure is null ? new GatewayError(502, "upstream_error", "the upstream sent no answer") : GatewayError.FromUpstream(failure);
            await auditor.RefuseAsync(http, protocol, record with { Outcome = Outcomes.UpstreamError, Status = error.StatusCode, Reason = error.Code, Details = attempts }, error, [], started).ConfigureAwait(false);
            return;
        }
        var promptTokens = answer["usage"]?["prompt_tokens"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;
        await access.RecordOutcomeAsync(decision, call.Conversation.Model, promptTokens, blocked: false, CancellationToken.None).ConfigureAwait(false);
        record = record with { Outcome = Outcomes.Served, Status = 200, PromptTokens = promptTokens, DurationMs = time.GetElapsedTime(started).TotalMilliseconds, Details = attempts };
        metrics.Requests.Add(1, new("protocol", protocol.Name), new("outcome", record.Outcome));
        var index = await auditor.AppendAsync(record).ConfigureAwait(false);
        if (index is null)
        {
            await protocol.WriteErrorAsync(http, RequestAuditor.AuditUnavailable(), new BulwarkInfo(record.RequestId, [], null, "audit_unavailable")).ConfigureAwait(false);
            return;
        }
        http.Response.Headers[RequestIds.AuditHeader] = index.Value.ToString(CultureInfo.InvariantCulture);
        await JsonOutput.WriteAsync(http, 200, w => answer.WriteTo(w)).ConfigureAwait(false);
    }
}
