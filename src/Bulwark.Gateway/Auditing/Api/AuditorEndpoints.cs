using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json.Nodes;
using Bulwark.Audit.Notes;
using Bulwark.Audit.Tree;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Auditing.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bulwark.Gateway.Auditing.Api;

/// <summary>
/// The read-only auditor API, for auditor or admin keys: <c>/audit/key</c>, <c>/audit/checkpoint</c>,
/// <c>/audit/checkpoints</c>, <c>/audit/records</c>, <c>/audit/proof/inclusion</c>, <c>/audit/proof/consistency</c> and the
/// C2SP tlog-tiles paths under <c>/audit/tile/</c>. Bad input is a 400 with a JSON error, never a 500.
/// </summary>
public static class AuditorEndpoints
{
    public const int MaxRecordsPerPage = 1000;

    public static IEndpointRouteBuilder MapBulwarkAuditor(this IEndpointRouteBuilder app)
    {
        Map(app, "/audit/key", (_, sp) =>
            Task.FromResult(Results.Text(sp.GetRequiredService<AuditCheckpointer>().VerifierKey + "\n", "text/plain; charset=utf-8")));

        Map(app, "/audit/checkpoint", async (c, sp) =>
        {
            var latest = await Store(sp).GetLatestCheckpointAsync(c.RequestAborted);
            return latest is null ? Error(404, "not_found_error", "no checkpoint has been signed yet") : Results.Text(latest.Note, "text/plain; charset=utf-8");
        });

        Map(app, "/audit/checkpoints", async (c, sp) =>
        {
            var all = await Store(sp).ListCheckpointsAsync(c.RequestAborted);
            return Results.Json(new JsonObject { ["checkpoints"] = new JsonArray(all.Select(x => (JsonNode)x.Note).ToArray()) });
        });

        Map(app, "/audit/records", async (c, sp) =>
        {
            var store = Store(sp);
            if (!TryQuery(c, "from", 0, out var from, out var bad)) return bad!;
            if (!TryQuery(c, "count", 100, out var count, out bad)) return bad!;
            if (count is < 1 or > MaxRecordsPerPage) return BadRequest($"count must be between 1 and {MaxRecordsPerPage}");
            var size = await store.GetSizeAsync(c.RequestAborted);
            if (from > size) return BadRequest($"from ({from}) is past the end of the log (size {size})");
            var leaves = await store.ReadLeavesAsync(from, (int)count, c.RequestAborted);
            return Results.Json(new JsonObject
            {
                ["records"] = new JsonArray(leaves.Select(l => (JsonNode)new JsonObject { ["index"] = l.Index, ["data"] = Convert.ToBase64String(l.Data) }).ToArray()),
            });
        });

        Map(app, "/audit/proof/inclusion", async (c, sp) =>
        {
            var store = Store(sp);
            var size = await store.GetSizeAsync(c.RequestAborted);
            if (size == 0) return BadRequest("the log is empty");
            if (!TryQuery(c, "index", null, out var index, out var bad)) return bad!;
            var latest = await store.GetLatestCheckpointAsync(c.RequestAborted);
            if (!TryQuery(c, "size", latest?.Size ?? size, out var treeSize, out bad)) return bad!;
            if (treeSize < 1 || treeSize > size) return BadRequest($"size must be between 1 and the log size {size}");
            if (index >= treeSize) return BadRequest($"index {index} is not below size {treeSize}");
            var proof = await ProofBuilder.InclusionProofAsync(store, index, treeSize, c.RequestAborted);
            return Results.Json(new JsonObject { ["index"] = index, ["size"] = treeSize, ["proof"] = Hashes(proof) });
        });

        Map(app, "/audit/proof/consistency", async (c, sp) =>
        {
            var store = Store(sp);
            var size = await store.GetSizeAsync(c.RequestAborted);
            if (size == 0) return BadRequest("the log is empty");
            if (!TryQuery(c, "from", null, out var from, out var bad)) return bad!;
            if (!TryQuery(c, "to", null, out var to, out bad)) return bad!;
            if (from > to) return BadRequest($"from ({from}) must not be greater than to ({to})");
            if (to > size) return BadRequest($"to ({to}) is past the end of the log (size {size})");
            var proof = await ProofBuilder.ConsistencyProofAsync(store, from, to, c.RequestAborted);
            return Results.Json(new JsonObject { ["from"] = from, ["to"] = to, ["proof"] = Hashes(proof) });
        });

        Func<HttpContext, string, Task<IResult>> tile = (ctx, path) => Guarded(ctx, (c, sp) => TileAsync(c, Store(sp), path));
        app.MapGet("/audit/tile/{**path}", tile);
        return app;
    }

    private static void Map(IEndpointRouteBuilder app, string pattern, Func<HttpContext, IServiceProvider, Task<IResult>> handler)
    {
        Func<HttpContext, Task<IResult>> endpoint = ctx => Guarded(ctx, handler);
        app.MapGet(pattern, endpoint);
    }

    private static async Task<IResult> TileAsync(HttpContext c, IAuditStore store, string path)
    {
        if (!TilePath.TryParse(path, out var tile)) return Error(404, "not_found_error", "not a tlog-tiles path");
        if (!tile!.InRange) return Error(404, "not_found_error", "tile index or level out of range");
        var start = tile!.Index * TilePath.FullWidth;
        if (tile.Entries)
        {
            var leaves = await store.ReadLeavesAsync(start, tile.Width, c.RequestAborted);
            if (leaves.Count < tile.Width || leaves[^1].Index != start + tile.Width - 1) return Error(404, "not_found_error", "tile is not complete yet");
            var buffer = new MemoryStream();
            Span<byte> length = stackalloc byte[2];
            foreach (var leaf in leaves)
            {
                if (leaf.Data.Length > ushort.MaxValue) return Error(422, "invalid_request_error", $"record {leaf.Index} is too large for an entry bundle");
                BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)leaf.Data.Length);
                buffer.Write(length);
                buffer.Write(leaf.Data);
            }
            return TileResult(c, buffer.ToArray(), tile);
        }
        var level = tile.Level * TilePath.Height;
        if (level > 62) return Error(404, "not_found_error", "tile level out of range");
        var hashes = await store.ReadLevelAsync(level, start, tile.Width, c.RequestAborted);
        if (hashes.Count < tile.Width) return Error(404, "not_found_error", "tile is not complete yet");
        return TileResult(c, hashes.SelectMany(h => h).ToArray(), tile);
    }

    private static IResult TileResult(HttpContext c, byte[] body, TilePath tile)
    {
        c.Response.Headers.CacheControl = tile.Partial ? "no-cache" : "public, max-age=31536000, immutable";
        return Results.Bytes(body, "application/octet-stream");
    }

    private static async Task<IResult> Guarded(HttpContext ctx, Func<HttpContext, IServiceProvider, Task<IResult>> handler)
    {
        var sp = ctx.RequestServices;
        var access = sp.GetService<IAccessController>();
        if (access is null) return Error(503, "api_error", "access control is not configured; the auditor API is closed");
        var key = PresentedKey(ctx.Request);
        if (key is null) return Error(401, "authentication_error", "an auditor or admin key is required (Authorization: Bearer or x-api-key)");
        AccessDecision decision;
        try
        {
            decision = await access.AuthorizeAsync(new AccessRequest(key, null, "audit", ctx.Connection.RemoteIpAddress), ctx.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Error(503, "api_error", "access state unavailable");
        }
        if (!decision.Allowed)
            return decision.StatusCode is 401 or 0 or 200
                ? Error(401, "authentication_error", string.IsNullOrEmpty(decision.Message) ? "invalid key" : decision.Message)
                : Error(decision.StatusCode, decision.StatusCode == 403 ? "permission_error" : "api_error", decision.Message);
        if (!(decision.IsAuditor || decision.IsAdmin)) return Error(403, "permission_error", "this key may not read the audit log (auditor or admin keys only)");
        try
        {
            return await handler(ctx, sp);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            return BadRequest(ex.Message.Split('\n')[0]);
        }
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && auth.Length > 7) return auth[7..].Trim();
        var apiKey = request.Headers["x-api-key"].ToString();
        return apiKey.Length > 0 ? apiKey : null;
    }

    private static IAuditStore Store(IServiceProvider sp) => sp.GetRequiredService<IAuditStore>();

    private static bool TryQuery(HttpContext c, string name, long? fallback, out long value, out IResult? error)
    {
        error = null;
        var raw = c.Request.Query[name].ToString();
        if (raw.Length == 0)
        {
            value = fallback ?? 0;
            if (fallback is null) error = BadRequest($"query parameter '{name}' is required");
            return fallback is not null;
        }
        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            error = BadRequest($"query parameter '{name}' must be a non-negative integer");
            return false;
        }
        return true;
    }

    private static JsonArray Hashes(IReadOnlyList<byte[]> hashes) => new(hashes.Select(h => (JsonNode)Convert.ToBase64String(h)).ToArray());

    private static IResult BadRequest(string message) => Error(400, "invalid_request_error", message);

    private static IResult Error(int status, string type, string message) =>
        Results.Json(new JsonObject { ["error"] = new JsonObject { ["type"] = type, ["message"] = message } }, statusCode: status);
}
