using System.Text.Json.Nodes;
using Bulwark.Audit.Export;
using Bulwark.Audit.Notes;
using Bulwark.Audit.Witness;
using Bulwark.Core.Access;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Access.Admin;
using Bulwark.Gateway.Access.Stores;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Auditing.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bulwark.Gateway.Console;

/// <summary>
/// The operator console at <c>/console</c>: static files embedded in the assembly (a strict Content-Security-Policy, no
/// CDN) and read-only JSON under <c>/console/api/</c> for admin and auditor keys. The console changes nothing itself:
/// its buttons call the admin API, so every action is authorised and audited there.
/// </summary>
public static class ConsoleEndpoints
{
    private const string Csp = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static IEndpointRouteBuilder MapBulwarkConsole(this IEndpointRouteBuilder app)
    {
        var assets = new ConsoleAssets();
        app.MapGet("/console", (HttpContext ctx) => Asset(ctx, assets, "index.html"));
        app.MapGet("/console/{file}", (HttpContext ctx, string file) => Asset(ctx, assets, file));
        Api(app, HttpMethods.Get, "/console/api/session", (ctx, decision, _) => Task.FromResult(Results.Json(new JsonObject
        {
            ["role"] = decision.IsAdmin ? "admin" : "auditor",
            ["principal"] = decision.Caller.PrincipalId,
        })));
        Api(app, HttpMethods.Get, "/console/api/overview", async (ctx, _, sp) =>
        {
            var store = sp.GetRequiredService<IAuditStore>();
            var time = sp.GetRequiredService<TimeProvider>();
            var overview = await ConsoleOverview.ComputeAsync(store, time.GetUtcNow(), ctx.RequestAborted);
            overview["audit"] = await AuditStateAsync(sp, store, ctx.RequestAborted);
            return Results.Json(overview);
        });
        Api(app, HttpMethods.Get, "/console/api/access", async (ctx, _, sp) =>
        {
            var admin = sp.GetRequiredService<AccessAdministration>();
            var keys = await admin.ListKeysAsync(ctx.RequestAborted);
            var principals = await admin.ListPrincipalsAsync(ctx.RequestAborted);
            var directives = await admin.ListDirectivesAsync(ctx.RequestAborted);
            var snapshot = await sp.GetRequiredService<IAccessStore>().LoadAsync(ctx.RequestAborted);
            var health = sp.GetService<IAccessHealth>();
            return Results.Json(new JsonObject
            {
                ["keys"] = keys.Body?["keys"]?.DeepClone(),
                ["principals"] = principals.Body?["principals"]?.DeepClone(),
                ["directives"] = directives.Body?["directives"]?.DeepClone(),
                ["killswitches"] = new JsonArray(snapshot.KillSwitches.Select(k => (JsonNode)new JsonObject
                {
                    ["scope"] = KillSwitch.ScopeName(k.Scope), ["name"] = k.Name, ["on"] = k.On, ["set_by"] = k.SetBy, ["set_at"] = k.SetAt.ToString("O"),
                }).ToArray()),
                ["models"] = new JsonArray(sp.GetRequiredService<Configuration.BulwarkOptions>().Models.Keys.Order(StringComparer.Ordinal).Select(m => (JsonNode)m).ToArray()),
                ["access_age_ms"] = health is null || health.Age == TimeSpan.MaxValue ? null : (long)health.Age.TotalMilliseconds,
                ["version"] = snapshot.Version,
            });
        });
        Api(app, HttpMethods.Post, "/console/api/verify", async (ctx, _, sp) =>
        {
            var store = sp.GetRequiredService<IAuditStore>();
            var checkpointer = sp.GetRequiredService<AuditCheckpointer>();
            var notes = (await store.ListCheckpointsAsync(ctx.RequestAborted)).Select(c => c.Note).ToArray();
            var result = await LogVerifier.VerifyAsync(ReadAllAsync(store, ctx.RequestAborted), notes, NoteVerifier.Parse(checkpointer.VerifierKey), checkpointer.Origin, store, ctx.RequestAborted);
            var body = new JsonObject { ["valid"] = result.Valid, ["result"] = result.ToString() };
            if (checkpointer.Cosigner is { } cosigner && notes.Length > 0)
            {
                var check = CosignatureCheck.Check(notes[^1], cosigner.Witnesses.Select(w => WitnessVerifier.Parse(w.Status.Key)).ToArray(), cosigner.Quorum);
                body["witnesses"] = check.ToString();
                body["valid"] = result.Valid && check.QuorumMet;
            }
            return Results.Json(body);
        });
        return app;
    }

    private static void Api(IEndpointRouteBuilder app, string method, string pattern, Func<HttpContext, AccessDecision, IServiceProvider, Task<IResult>> handler)
    {
        Func<HttpContext, Task<IResult>> endpoint = ctx => Guarded(ctx, (decision, sp) => handler(ctx, decision, sp));
        app.MapMethods(pattern, [method], endpoint);
    }

    private static async IAsyncEnumerable<LogEntry> ReadAllAsync(IAuditStore store, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long next = 0;
        while (true)
        {
            var page = await store.ReadLeavesAsync(next, 5000, cancellationToken);
            if (page.Count == 0) yield break;
            foreach (var leaf in page) yield return new LogEntry(leaf.Index, leaf.Data, leaf.LeafHash);
            next = page[^1].Index + 1;
        }
    }

    private static async Task<JsonObject> AuditStateAsync(IServiceProvider sp, IAuditStore store, CancellationToken cancellationToken)
    {
        var checkpointer = sp.GetRequiredService<AuditCheckpointer>();
        var latest = await store.GetLatestCheckpointAsync(cancellationToken);
        var witnesses = new JsonArray();
        foreach (var w in checkpointer.Cosigner?.Witnesses ?? [])
        {
            var s = w.Status;
            witnesses.Add(new JsonObject
            {
                ["name"] = s.Name, ["url"] = s.Url, ["key"] = s.Key, ["cosigned_size"] = s.CosignedSize,
                ["last_cosigned"] = s.LastCosigned?.ToString("O"), ["last_error"] = s.LastError,
            });
        }
        return new JsonObject
        {
            ["size"] = await store.GetSizeAsync(cancellationToken),
            ["origin"] = checkpointer.Origin,
            ["verifier_key"] = checkpointer.VerifierKey,
            ["checkpoint"] = latest is null ? null : new JsonObject { ["size"] = latest.Size, ["time"] = latest.Time.ToString("O"), ["note"] = latest.Note },
            ["witnesses"] = witnesses,
            ["quorum"] = checkpointer.Cosigner?.Quorum ?? 0,
        };
    }

    private static IResult Asset(HttpContext ctx, ConsoleAssets assets, string file)
    {
        if (!assets.TryGet(file, out var bytes, out var contentType)) return Results.NotFound();
        ctx.Response.Headers.ContentSecurityPolicy = Csp;
        ctx.Response.Headers.XContentTypeOptions = "nosniff";
        ctx.Response.Headers.CacheControl = "no-cache";
        ctx.Response.Headers["Referrer-Policy"] = "no-referrer";
        return Results.Bytes(bytes, contentType);
    }

    private static async Task<IResult> Guarded(HttpContext ctx, Func<AccessDecision, IServiceProvider, Task<IResult>> handler)
    {
        var access = ctx.RequestServices.GetService<IAccessController>();
        if (access is null) return Error(503, "access control is not configured");
        var key = AdminEndpoints.PresentedKey(ctx.Request);
        if (string.IsNullOrEmpty(key)) return Error(401, "an admin or auditor key is required");
        var decision = await access.AuthorizeAsync(new AccessRequest(key, null, "console", ctx.Connection.RemoteIpAddress), ctx.RequestAborted);
        if (!decision.Allowed) return Error(decision.StatusCode is 0 or 200 ? 401 : decision.StatusCode, decision.Message);
        if (!(decision.IsAdmin || decision.IsAuditor)) return Error(403, "the console is for admin and auditor keys");
        ctx.Response.Headers.CacheControl = "no-store";
        return await handler(decision, ctx.RequestServices);
    }

    private static IResult Error(int status, string message) =>
        Results.Json(new JsonObject { ["error"] = new JsonObject { ["type"] = status == 401 ? "authentication_error" : "permission_error", ["message"] = message } }, statusCode: status);
}
