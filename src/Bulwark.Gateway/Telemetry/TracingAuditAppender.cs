using System.Diagnostics;
using System.Text.Json;
using Bulwark.Core.Diagnostics;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Pipeline;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Telemetry;

/// <summary>
/// Wraps the audit appender in an "audit.append" span and a latency histogram, and copies the record's outcome and codes
/// (never its commitments or any text) into the current request's <see cref="RequestTelemetryFeature"/> for the request log.
/// </summary>
public sealed class TracingAuditAppender(IAuditAppender inner, GatewayMetrics metrics, IHttpContextAccessor accessor) : IAuditAppender
{
    public async ValueTask<long> AppendAsync(ReadOnlyMemory<byte> record, CancellationToken cancellationToken)
    {
        using var span = BulwarkDiagnostics.Source.StartActivity("audit.append");
        var started = Stopwatch.GetTimestamp();
        var index = await inner.AppendAsync(record, cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.AuditAppend.Record(elapsed.TotalSeconds);
        span?.SetTag("bulwark.audit.index", index).SetTag("bulwark.audit.bytes", record.Length);
        if (accessor.HttpContext?.Features.Get<RequestTelemetryFeature>() is { } feature)
        {
            feature.AuditIndex = index;
            feature.AuditMilliseconds += elapsed.TotalMilliseconds;
            Describe(record.Span, feature);
        }
        return index;
    }

    /// <summary>Reads kind, outcome, reason, model, principal and the rule ids and categories of blocking verdicts.</summary>
    internal static void Describe(ReadOnlySpan<byte> record, RequestTelemetryFeature feature)
    {
        try
        {
            var reader = new Utf8JsonReader(record);
            using var doc = JsonDocument.ParseValue(ref reader);
            var r = doc.RootElement;
            feature.Kind = Str(r, "kind") ?? feature.Kind;
            feature.Outcome = Str(r, "outcome") ?? feature.Outcome;
            feature.Reason = Str(r, "reason") ?? feature.Reason;
            feature.Model = Str(r, "model") ?? feature.Model;
            feature.Principal = Str(r, "principal") ?? feature.Principal;
            foreach (var stage in new[] { "input", "output" })
            {
                if (!r.TryGetProperty(stage, out var v) || v.ValueKind != JsonValueKind.Object || Str(v, "action") is "allow" or null) continue;
                foreach (var list in new[] { "rules", "categories" })
                {
                    if (!v.TryGetProperty(list, out var items) || items.ValueKind != JsonValueKind.Array) continue;
                    foreach (var item in items.EnumerateArray())
                    {
                        if (item.GetString() is { } code && !feature.Codes.Contains(code)) feature.Codes.Add(code);
                    }
                }
            }
        }
        catch (JsonException)
        {
            feature.Kind ??= "unreadable";
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
