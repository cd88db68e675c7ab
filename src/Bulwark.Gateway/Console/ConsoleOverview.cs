using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Auditing.Stores;

namespace Bulwark.Gateway.Console;

/// <summary>
/// The console's live figures, computed from the tail of the audit log (the audited truth, shared by every node):
/// requests and blocks per category per minute over the last hour, and the principals with the most requests.
/// </summary>
public static class ConsoleOverview
{
    public const int TailRecords = 5000;
    public const int Minutes = 60;

    public static async Task<JsonObject> ComputeAsync(IAuditStore store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var size = await store.GetSizeAsync(cancellationToken);
        var from = Math.Max(0, size - TailRecords);
        var leaves = await store.ReadLeavesAsync(from, TailRecords, cancellationToken);
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(-(Minutes - 1));
        var requests = new long[Minutes];
        var blocks = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var denials = new long[Minutes];
        var principals = new Dictionary<string, (long Requests, long Blocks, long Denials)>(StringComparer.Ordinal);
        foreach (var leaf in leaves)
        {
            using var doc = JsonDocument.Parse(leaf.Data);
            var r = doc.RootElement;
            var kind = Str(r, "kind");
            if (kind is not ("request" or "stream_end")) continue;
            if (!DateTimeOffset.TryParse(Str(r, "time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) continue;
            var slot = (int)Math.Floor((time - start).TotalMinutes);
            var outcome = Str(r, "outcome") ?? "";
            var blocked = outcome.StartsWith("blocked", StringComparison.Ordinal);
            var denied = outcome == "denied";
            if (Str(r, "principal") is { } p)
            {
                var c = principals.GetValueOrDefault(p);
                principals[p] = (c.Requests + 1, c.Blocks + (blocked ? 1 : 0), c.Denials + (denied ? 1 : 0));
            }
            if (slot is < 0 or >= Minutes) continue;
            requests[slot]++;
            if (denied) denials[slot]++;
            if (!blocked) continue;
            var categories = new HashSet<string>(StringComparer.Ordinal);
            foreach (var stage in new[] { "input", "output" })
            {
                if (r.TryGetProperty(stage, out var v) && v.ValueKind == JsonValueKind.Object && Str(v, "action") == "block"
                    && v.TryGetProperty("categories", out var cats) && cats.ValueKind == JsonValueKind.Array)
                {
                    foreach (var cat in cats.EnumerateArray()) categories.Add(cat.GetString() ?? "other");
                }
            }
            if (categories.Count == 0) categories.Add("other");
            foreach (var cat in categories)
            {
                if (!blocks.TryGetValue(cat, out var series)) blocks[cat] = series = new long[Minutes];
                series[slot]++;
            }
        }
        return new JsonObject
        {
            ["start"] = start.ToString("O", CultureInfo.InvariantCulture),
            ["minutes"] = Minutes,
            ["requests"] = Array(requests),
            ["denials"] = Array(denials),
            ["blocks"] = new JsonObject(blocks.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)Array(kv.Value)))),
            ["top_principals"] = new JsonArray(principals.OrderByDescending(kv => kv.Value.Requests).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(10)
                .Select(kv => (JsonNode)new JsonObject { ["principal"] = kv.Key, ["requests"] = kv.Value.Requests, ["blocks"] = kv.Value.Blocks, ["denials"] = kv.Value.Denials })
                .ToArray()),
            ["records_scanned"] = leaves.Count,
        };
    }

    private static JsonArray Array(long[] values) => new(values.Select(v => (JsonNode)v).ToArray());

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
