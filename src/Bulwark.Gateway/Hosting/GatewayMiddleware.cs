using Bulwark.Gateway.Pipeline;
using Bulwark.Gateway.Protocols;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bulwark.Gateway.Hosting;

/// <summary>
/// Outermost middleware: every response carries <c>bulwark-request-id</c>; an unexpected exception becomes a JSON
/// 500 (never a crash, never a stack trace to the client, never request content in the log).
/// </summary>
public static partial class GatewayMiddleware
{
    public static IApplicationBuilder UseBulwarkRequestIds(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var id = RequestIds.Get(context);
        context.Response.Headers[RequestIds.Header] = id;
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Bulwark.Gateway");
            // The exception's message may quote request content, so only its type and stack are logged.
            LogUnhandled(logger, id, context.Request.Path.Value ?? "", ex.GetType().Name, ex.StackTrace ?? "");
            if (context.Response.HasStarted) return;
            context.Response.Clear();
            context.Response.Headers[RequestIds.Header] = id;
            await JsonOutput.WriteAsync(context, 500, w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("error");
                w.WriteString("type", "server_error");
                w.WriteString("code", "internal_error");
                w.WriteString("message", "Bulwark hit an internal error; the request was not served. Quote the request id when reporting it.");
                w.WriteString("request_id", id);
                w.WriteEndObject();
                w.WriteEndObject();
            });
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
    });

    public static IEndpointConventionBuilder MapBulwarkFallback(this WebApplication app) => app.MapFallback(context =>
        JsonOutput.WriteAsync(context, 404, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("type", "not_found_error");
            w.WriteString("code", "unknown_route");
            w.WriteString("message", $"No route {context.Request.Method} {context.Request.Path}. See GET /v1/models, POST /v1/chat/completions, POST /v1/messages.");
            w.WriteEndObject();
            w.WriteEndObject();
        }));

    [LoggerMessage(Level = LogLevel.Error, Message = "unhandled {Error} on request {RequestId} {Path}\n{Stack}")]
    private static partial void LogUnhandled(ILogger logger, string requestId, string path, string error, string stack);
}
