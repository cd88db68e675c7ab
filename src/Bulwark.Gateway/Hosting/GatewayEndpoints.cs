using System.Text.Json;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Auditing.Stores;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Pipeline;
using Bulwark.Gateway.Protocols;
using Bulwark.Gateway.Protocols.Anthropic;
using Bulwark.Gateway.Protocols.Embeddings;
using Bulwark.Gateway.Protocols.OpenAi;
using Bulwark.Gateway.Protocols.Responses;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bulwark.Gateway.Hosting;

/// <summary>The API routes: chat completions, responses, embeddings, messages, models, health, readiness.</summary>
public static class GatewayEndpoints
{
    public static IEndpointRouteBuilder MapBulwarkApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/chat/completions", (HttpContext http, ChatRequestHandler handler, OpenAiProtocol protocol) => handler.HandleAsync(http, protocol));
        app.MapPost("/v1/responses", (HttpContext http, ChatRequestHandler handler, ResponsesProtocol protocol) => handler.HandleAsync(http, protocol));
        app.MapPost("/v1/embeddings", (HttpContext http, ChatRequestHandler handler, EmbeddingsProtocol protocol) => handler.HandleAsync(http, protocol));
        app.MapPost("/v1/messages", (HttpContext http, ChatRequestHandler handler, AnthropicProtocol protocol) => handler.HandleAsync(http, protocol));
        app.MapGet("/v1/models", ModelsAsync);
        app.MapGet("/healthz", () => Results.Text("ok\n", "text/plain"));
        app.MapGet("/readyz", ReadyAsync);
        return app;
    }

    private static async Task ModelsAsync(HttpContext http, IAccessController access, BulwarkOptions options, OpenAiProtocol openAi, AnthropicProtocol anthropic, TimeProvider time)
    {
        var requestId = RequestIds.Get(http);
        IClientProtocol protocol = http.Request.Headers.ContainsKey("anthropic-version") ? anthropic : openAi;
        var decision = await access.AuthorizeAsync(new AccessRequest(ApiKeys.FromRequest(http.Request), null, "/v1/models", http.Connection.RemoteIpAddress), http.RequestAborted);
        if (!decision.Allowed)
        {
            await protocol.WriteErrorAsync(http, new GatewayError(decision.StatusCode, decision.Code, decision.Message) { RetryAfterSeconds = decision.RetryAfterSeconds },
                new BulwarkInfo(requestId, [], null, decision.Code));
            return;
        }
        var visible = access.VisibleModels(decision, options.Models.Keys.ToArray()).OrderBy(m => m, StringComparer.Ordinal).ToArray();
        var created = time.GetUtcNow();
        await JsonOutput.WriteAsync(http, 200, w =>
        {
            w.WriteStartObject();
            if (protocol == anthropic)
            {
                w.WriteStartArray("data");
                foreach (var m in visible)
                {
                    w.WriteStartObject();
                    w.WriteString("type", "model");
                    w.WriteString("id", m);
                    w.WriteString("display_name", Display(m, options));
                    w.WriteString("created_at", created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteBoolean("has_more", false);
                if (visible.Length > 0)
                {
                    w.WriteString("first_id", visible[0]);
                    w.WriteString("last_id", visible[^1]);
                }
            }
            else
            {
                w.WriteString("object", "list");
                w.WriteStartArray("data");
                foreach (var m in visible)
                {
                    w.WriteStartObject();
                    w.WriteString("id", m);
                    w.WriteString("object", "model");
                    w.WriteNumber("created", created.ToUnixTimeSeconds());
                    w.WriteString("owned_by", Display(m, options));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        });
    }

    private static string Display(string model, BulwarkOptions options) =>
        options.Upstreams.TryGetValue(options.Models[model].Upstream, out var u) && u.Kind == "simulated"
            ? "bulwark (simulated upstream, not a real model)"
            : "upstream:" + options.Models[model].Upstream;

    private static async Task ReadyAsync(HttpContext http, IServiceProvider services)
    {
        var health = services.GetService<IAccessHealth>();
        var store = services.GetService<IAuditStore>();
        var checks = new Dictionary<string, object?>();
        var ready = true;
        if (health is not null)
        {
            checks["access_fresh"] = health.IsFresh;
            checks["access_version"] = health.Version;
            checks["access_age_ms"] = health.Age == TimeSpan.MaxValue ? null : Math.Round(health.Age.TotalMilliseconds);
            checks["access_store"] = health.StoreReachable;
            checks["bus"] = health.BusReachable;
            ready &= health.IsFresh && health.StoreReachable && health.BusReachable;
        }
        else
        {
            checks["access"] = "not configured";
            ready = false;
        }
        if (store is not null)
        {
            try
            {
                checks["audit_size"] = await store.GetSizeAsync(http.RequestAborted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                checks["audit_size"] = null;
                checks["audit_store"] = "unreachable";
                ready = false;
            }
        }
        http.Response.StatusCode = ready ? 200 : 503;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object?> { ["ready"] = ready, ["checks"] = checks }, JsonOutput.Options));
    }
}
