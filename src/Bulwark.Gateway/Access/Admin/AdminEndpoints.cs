using System.Text.Json.Nodes;
using Bulwark.Core.Access;
using Bulwark.Gateway.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bulwark.Gateway.Access.Admin;

/// <summary>
/// The admin API under /admin/: admin keys only — no or bad key 401, a non-admin key 403. JSON in and out;
/// errors are <c>{"error":{"type":"invalid_request_error","message":…}}</c>. Revoking a revoked key, lifting a lifted
/// directive and setting a kill switch to its current position are idempotent: 200 with <c>"changed": false</c>.
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapBulwarkAdmin(this IEndpointRouteBuilder endpoints)
    {
        var g = endpoints.MapGroup("/admin");
        g.MapPost("/keys", Admin(async (ctx, admin, actor, ct) =>
        {
            var (body, error) = await AdminJson.ReadObjectAsync(ctx.Request.Body, ct);
            if (body is null) return AdminResult.Fail(400, error!);
            var now = ctx.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            if (!AdminJson.TryString(body, "principal", true, out var principal, out error)
                || !AdminJson.TryStrings(body, "groups", false, out var groups, out error)
                || !AdminJson.TryStrings(body, "models", false, out var models, out error)
                || !AdminJson.TryBool(body, "admin", false, out var isAdmin, out error)
                || !AdminJson.TryBool(body, "auditor", false, out var isAuditor, out error)
                || !AdminJson.TryString(body, "expires", false, out var expiresText, out error)
                || !AdminJson.TryString(body, "policy", false, out var policy, out error))
                return AdminResult.Fail(400, error!);
            // A key may only be bound to a policy this gateway knows.
            if (policy is not null && ctx.RequestServices.GetService<PolicyProvider>() is { } policies && !policies.TryGet(policy, out _))
                return AdminResult.Fail(400, $"unknown policy '{(policy.Length <= 64 ? policy : policy[..64])}' (known: {string.Join(", ", policies.Names.Order(StringComparer.Ordinal))})");
            DateTimeOffset? expires = null;
            if (expiresText is not null)
            {
                if (!TimeSpec.TryParse(expiresText, now, out var e)) return AdminResult.Fail(400, "'expires' must be ISO-8601 or relative like 30d, 12h");
                expires = e;
            }
            return await admin.CreateKeyAsync(actor, new CreateKeyRequest(principal!, groups, models, isAdmin, isAuditor, expires, policy), ct);
        }));
        g.MapGet("/keys", Admin((ctx, admin, _, ct) => admin.ListKeysAsync(ct)));
        g.MapPost("/keys/{id}/revoke", Admin((ctx, admin, actor, ct) => admin.RevokeKeyAsync(actor, (string)ctx.Request.RouteValues["id"]!, ct)));
        g.MapPost("/keys/{id}/rotate", Admin((ctx, admin, actor, ct) => admin.RotateKeyAsync(actor, (string)ctx.Request.RouteValues["id"]!, ct)));
        g.MapGet("/principals", Admin((ctx, admin, _, ct) => admin.ListPrincipalsAsync(ct)));
        g.MapPost("/principals", Admin(async (ctx, admin, actor, ct) =>
        {
            var (body, error) = await AdminJson.ReadObjectAsync(ctx.Request.Body, ct);
            if (body is null) return AdminResult.Fail(400, error!);
            if (!AdminJson.TryString(body, "id", true, out var id, out error)
                || !AdminJson.TryStrings(body, "groups", false, out var groups, out error)
                || !AdminJson.TryString(body, "tier", false, out var tier, out error)
                || !AdminJson.TryInt(body, "requestsPerMinute", out var rpm, out error)
                || !AdminJson.TryInt(body, "tokensPerMinute", out var tpm, out error))
                return AdminResult.Fail(400, error!);
            return await admin.UpsertPrincipalAsync(actor, new UpsertPrincipalRequest(id!, groups, tier, rpm, tpm), ct);
        }));
        g.MapPost("/principals/{id}/suspend", Admin((ctx, admin, actor, ct) => admin.SetSuspendedAsync(actor, (string)ctx.Request.RouteValues["id"]!, true, ct)));
        g.MapPost("/principals/{id}/unsuspend", Admin((ctx, admin, actor, ct) => admin.SetSuspendedAsync(actor, (string)ctx.Request.RouteValues["id"]!, false, ct)));
        g.MapPost("/directives", Admin(async (ctx, admin, actor, ct) =>
        {
            var (body, error) = await AdminJson.ReadObjectAsync(ctx.Request.Body, ct);
            if (body is null) return AdminResult.Fail(400, error!);
            var now = ctx.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            if (!AdminJson.TryString(body, "model", true, out var model, out error)
                || !AdminJson.TryStrings(body, "allowGroups", true, out var groups, out error)
                || !AdminJson.TryString(body, "effective", false, out var effectiveText, out error)
                || !AdminJson.TryString(body, "reason", true, out var reason, out error))
                return AdminResult.Fail(400, error!);
            DateTimeOffset? effective = null;
            if (effectiveText is not null)
            {
                if (!TimeSpec.TryParse(effectiveText, now, out var e)) return AdminResult.Fail(400, "'effective' must be ISO-8601 or relative like 10m");
                effective = e;
            }
            return await admin.IssueDirectiveAsync(actor, new IssueDirectiveRequest(model!, groups, effective, reason!), ct);
        }));
        g.MapGet("/directives", Admin((ctx, admin, _, ct) => admin.ListDirectivesAsync(ct)));
        g.MapDelete("/directives/{id}", Admin((ctx, admin, actor, ct) => admin.LiftDirectiveAsync(actor, (string)ctx.Request.RouteValues["id"]!, ct)));
        g.MapPost("/killswitch", Admin(async (ctx, admin, actor, ct) =>
        {
            var (body, error) = await AdminJson.ReadObjectAsync(ctx.Request.Body, ct);
            if (body is null) return AdminResult.Fail(400, error!);
            if (!AdminJson.TryString(body, "scope", true, out var scope, out error)
                || !AdminJson.TryString(body, "name", false, out var name, out error)
                || !AdminJson.TryBool(body, "on", true, out var on, out error))
                return AdminResult.Fail(400, error!);
            return await admin.SetKillSwitchAsync(actor, scope, name, on, ct);
        }));
        g.MapGet("/access", Admin((ctx, _, _, _) =>
        {
            var health = ctx.RequestServices.GetRequiredService<IAccessHealth>();
            return Task.FromResult(AdminResult.Success(new JsonObject
            {
                ["version"] = health.Version, ["fresh"] = health.IsFresh, ["store_reachable"] = health.StoreReachable, ["bus_reachable"] = health.BusReachable,
                ["age_ms"] = health.Age == TimeSpan.MaxValue ? null : (long)health.Age.TotalMilliseconds,
            }));
        }));
        return endpoints;
    }

    private static RequestDelegate Admin(Func<HttpContext, AccessAdministration, AdminActor, CancellationToken, Task<AdminResult>> action) =>
        ctx => HandleAsync(ctx, action);

    private static async Task HandleAsync(HttpContext ctx, Func<HttpContext, AccessAdministration, AdminActor, CancellationToken, Task<AdminResult>> action)
    {
        var requestId = ctx.Response.Headers["bulwark-request-id"].ToString();
        if (requestId.Length == 0)
        {
            requestId = "req_" + Guid.NewGuid().ToString("N");
            ctx.Response.Headers["bulwark-request-id"] = requestId;
        }
        var controller = ctx.RequestServices.GetRequiredService<IAccessController>();
        var decision = await controller.AuthorizeAsync(
            new AccessRequest(PresentedKey(ctx.Request), null, ctx.Request.Path.Value ?? "/admin", ctx.Connection.RemoteIpAddress), ctx.RequestAborted);
        AdminResult result;
        if (!decision.Allowed)
        {
            // An unauthenticated admin call's body is refused unread; the attempt is counted in the failed-auth summary.
            if (decision.Unauthenticated) Pipeline.RequestBodyReader.Refuse(ctx);
            result = AdminResult.Fail(decision.StatusCode, decision.Message);
            if (decision.RetryAfterSeconds is { } retry) ctx.Response.Headers["retry-after"] = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (!decision.IsAdmin)
        {
            result = AdminResult.Fail(403, "this key is not an admin key");
        }
        else
        {
            var admin = ctx.RequestServices.GetRequiredService<AccessAdministration>();
            result = await action(ctx, admin, new AdminActor(decision.Caller.PrincipalId, requestId), ctx.RequestAborted);
        }
        ctx.Response.StatusCode = result.Status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(result.ToJson().ToJsonString(), ctx.RequestAborted);
    }

    /// <summary>The key from <c>Authorization: Bearer …</c> or <c>x-api-key</c>. Never logged.</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return auth[7..].Trim();
        var x = request.Headers["x-api-key"].ToString();
        return x.Length > 0 ? x.Trim() : null;
    }
}
