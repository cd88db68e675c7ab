using System.Globalization;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Protocols;
using Bulwark.Gateway.Upstreams;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Pipeline;

public sealed partial class ChatRequestHandler
{
    /// <summary>
    /// POST /v1/embeddings after access and the input guards: forward the walked body to the model's upstream (or,
    /// when it fails, its fallbacks that serve embeddings) and return the answer unchanged, audited with every failed
    /// attempt. Nothing is generated, so there are no output guards.
    /// </summary>
    private async Task EmbedAsync(HttpContext http, IRequestProtocol protocol, AuditRecord record, AccessDecision decision, ModelOptions model, UpstreamCall call, long started)
    {
        if (Protocols.Embeddings.EmbeddingsUpstreamChain.For(upstreams, model) is not { } upstream)
        {
            var e = new GatewayError(400, "unsupported_model", $"The model '{Truncate(call.Conversation.Model)}' does not serve embeddings on this gateway.", "model");
            await RefuseAsync(http, protocol, record with { Status = 400, Reason = e.Code }, e, [], started).ConfigureAwait(false);
            return;
        }
        var (answer, failure, tried) = await upstream.EmbedAsync(call, http.RequestAborted).ConfigureAwait(false);
        var attempts = Attempts([.. tried]);
        if (failure is not null || answer is null)
        {
            var error = failure is null ? new GatewayError(502, "upstream_error", "the upstream sent no answer") : GatewayError.FromUpstream(failure);
            await RefuseAsync(http, protocol, record with { Outcome = "upstream_error", Status = error.StatusCode, Reason = error.Code, Details = attempts }, error, [], started).ConfigureAwait(false);
            return;
        }
        var promptTokens = answer["usage"]?["prompt_tokens"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;
        await access.RecordOutcomeAsync(decision, call.Conversation.Model, promptTokens, blocked: false, CancellationToken.None).ConfigureAwait(false);
        record = record with { Outcome = "served", Status = 200, PromptTokens = promptTokens, DurationMs = time.GetElapsedTime(started).TotalMilliseconds, Details = attempts };
        metrics.Requests.Add(1, new("protocol", protocol.Name), new("outcome", record.Outcome));
        var index = await AppendAsync(record, http.RequestAborted).ConfigureAwait(false);
        if (index is null)
        {
            await protocol.WriteErrorAsync(http, new GatewayError(503, "audit_unavailable", "The audit log is unavailable; Bulwark refuses to answer unaudited."),
                new BulwarkInfo(record.RequestId, [], null, "audit_unavailable")).ConfigureAwait(false);
            return;
        }
        http.Response.Headers[RequestIds.AuditHeader] = index.Value.ToString(CultureInfo.InvariantCulture);
        await JsonOutput.WriteAsync(http, 200, w => answer.WriteTo(w)).ConfigureAwait(false);
    }
}
