using System.Diagnostics;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Access.Admin;
using Bulwark.Gateway.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bulwark.Gateway.Telemetry;

/// <summary>
/// One structured log line per API request (category <c>Bulwark.Requests</c>, JSON with the standard console formatter
/// when <c>Logging:Console:FormatterName</c> is <c>json</c>): request id, method, route, status, outcome, reason, codes,
/// model, audit index and timings. Never prompt or response text, never keys. Also guards <c>/metrics</c> when it requires a key.
/// </summary>
public sealed partial class RequestLogMiddleware(RequestDelegate next, ILoggerFactory loggers, GatewayMetrics metrics, TelemetryOptions options)
{
    public const string Category = "Bulwark.Requests";
    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path == "/metrics")
        {
            if (options.MetricsRequireKey && !await MayScrapeAsync(context)) return;
            await next(context);
            return;
        }
        if (!options.RequestLog || !(path.StartsWith("/v1/", StringComparison.Ordinal) || path.StartsWith("/admin", StringComparison.Ordinal) || path.StartsWith("/audit", StringComparison.Ordinal)))
        {
            await next(context);
            return;
        }
        var feature = new RequestTelemetryFeature();
        context.Features.Set(feature);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var route = (context.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText ?? "(unmatched)";
            metrics.RequestDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("route", route), new KeyValuePair<string, object?>("status", context.Response.StatusCode));
            LogRequest(_logger, RequestIds.Get(context), context.Request.Method, route, context.Response.StatusCode,
                feature.Outcome ?? (context.Response.StatusCode < 400 ? "ok" : "error"), feature.Reason, string.Join(",", feature.Codes),
                feature.Model, feature.Principal, feature.AuditIndex, Math.Round(elapsed.TotalMilliseconds, 3), Math.Round(feature.AuditMilliseconds, 3));
        }
    }

    private static async Task<bool> MayScrapeAsync(HttpContext context)
    {
        var access = context.RequestServices.GetService(typeof(IAccessController)) as IAccessController;
        var key = AdminEndpoints.PresentedKey(context.Request);
        if (access is not null && !string.IsNullOrEmpty(key))
        {
            var decision = await access.AuthorizeAsync(new AccessRequest(key, null, "/metrics", context.Connection.RemoteIpAddress), context.RequestAborted);
            if (decision.Allowed && (decision.IsAdmin || decision.IsAuditor)) return true;
        }
        context.Response.StatusCode = key is null ? 401 : 403;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("/metrics needs an admin or auditor key (Authorization: Bearer)\n", context.RequestAborted);
        return false;
    }

    [LoggerMessage(EventId = 1, EventName = "request", Level = LogLevel.Information,
        Message = "request {RequestId} {Method} {Route} {Status} outcome={Outcome} reason={Reason} codes={Codes} model={Model} principal={Principal} audit_index={AuditIndex} duration_ms={DurationMs} audit_ms={AuditMs}")]
    private static partial void LogRequest(ILogger logger, string requestId, string method, string route, int status, string outcome, string? reason, string codes,
        string? model, string? principal, long? auditIndex, double durationMs, double auditMs);
}
