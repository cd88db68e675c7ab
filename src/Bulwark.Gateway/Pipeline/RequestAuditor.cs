using System.Globalization;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Auditing.Content;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Protocols;
using Bulwark.Gateway.Upstreams;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bulwark.Gateway.Pipeline;

/// <summary>
/// The audit side of a call, shared by <see cref="ChatRequestHandler"/> and its responders: append a record (a
/// failed append is logged, counted and reported as null, so the caller refuses rather than answers unaudited),
/// refuse a call audited and in the client's protocol, and keep the encrypted content when the gateway stores it.
/// </summary>
public sealed partial class RequestAuditor(BulwarkOptions options, IAuditAppender audit, GatewayMetrics metrics, TimeProvider time, ILogger logger, AuditContentVault? vault = null)
{
    /// <summary>The refusal sent when the audit log cannot take a record.</summary>
    public static GatewayError AuditUnavailable(string message = "The audit log is unavailable; Bulwark refuses to answer unaudited.") =>
        new(503, "audit_unavailable", message);

    /// <summary>Audits a refusal, then sends it in the client's protocol with the receipt.</summary>
    public async Task RefuseAsync(HttpContext http, IRequestProtocol protocol, AuditRecord record, GatewayError error, IReadOnlyList<string> categories, long started, IReadOnlyList<string>? rules = null)
    {
        metrics.Requests.Add(1, new("protocol", protocol.Name), new("outcome", record.Outcome));
        record = record with { DurationMs = time.GetElapsedTime(started).TotalMilliseconds };
        var index = await AppendAsync(record).ConfigureAwait(false);
        if (index is null)
        {
            error = AuditUnavailable();
        }
        else
        {
            http.Response.Headers[RequestIds.AuditHeader] = index.Value.ToString(CultureInfo.InvariantCulture);
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
    public async Task<long?> AppendAsync(AuditRecord record)
    {
        try
        {
            // The audit write is not cancelled by a client that leaves: its record must still land.
            return await audit.AppendAsync(record.ToCanonicalBytes(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            metrics.AuditFailures.Add(1);
            LogAuditFailure(logger, record.RequestId, ex.GetType().Name);
            return null;
        }
    }

    /// <summary>Keeps the prompt and the released answer, encrypted, under the record's index when StoreContent is on.</summary>
    public async Task StoreContentAsync(long index, string prompt, string response)
    {
        if (!options.StoreContent) return;
        await StoreAsync(index, "prompt", prompt).ConfigureAwait(false);
        await StoreAsync(index, "response", response).ConfigureAwait(false);
    }

    /// <summary>The failed upstream attempts before the one that answered (fallbacks), for the audit record.</summary>
    public static JsonObject? Attempts(List<UpstreamAttempt> attempts, JsonObject? details = null)
    {
        if (attempts.Count == 0) return details;
        details ??= [];
        details["attempts"] = new JsonArray(attempts.Select(a => (JsonNode)new JsonObject
        {
            ["upstream"] = a.Upstream, ["status"] = a.StatusCode, ["code"] = a.Code,
        }).ToArray());
        return details;
    }

    private async Task StoreAsync(long index, string part, string text)
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

    [LoggerMessage(Level = LogLevel.Error, Message = "audit append failed for request {RequestId}: {Error}; the request is refused")]
    private static partial void LogAuditFailure(ILogger logger, string requestId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not store encrypted content for audit index {Index}: {Error}")]
    private static partial void LogContentFailure(ILogger logger, long index, string error);
}
