using System.Globalization;
using System.Text.Json;
using Bulwark.Audit.Export;
using Bulwark.Gateway.Auditing.Stores;

namespace Bulwark.Cli.Commands.Report;

/// <summary>Computes an <see cref="AuditReport"/> in one pass over the log's canonical AuditRecord JSON.</summary>
internal static class ReportBuilder
{
    public static async Task<AuditReport> BuildAsync(IAsyncEnumerable<LogEntry> records, IReadOnlyList<StoredCheckpoint> checkpoints, AuditReport report, CancellationToken cancellationToken)
    {
        var directives = new Dictionary<string, DirectiveCheck>(StringComparer.Ordinal);
        await foreach (var entry in records.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            report.LogSize = entry.Index + 1;
            JsonDocument doc;
            try { doc = JsonDocument.Parse(entry.Data); }
            catch (JsonException) { report.UnreadableRecords++; continue; }
            using (doc)
            {
                var r = doc.RootElement;
                if (r.ValueKind != JsonValueKind.Object || !TryTime(Str(r, "time"), out var time))
                {
                    report.UnreadableRecords++;
                    continue;
                }
                var kind = Str(r, "kind") ?? "";
                var outcome = Str(r, "outcome") ?? "";
                var inPeriod = time >= report.From && time < report.To;
                if (kind == "admin") TrackDirective(r, entry.Index, time, directives);
                if (kind is "request" or "stream_end" && outcome == "served") CheckDirectives(r, entry.Index, time, inPeriod, directives.Values);
                if (!inPeriod) continue;
                report.RecordsInPeriod++;
                switch (kind)
                {
                    case "admin":
                        report.AdminActions.Add(new AdminAction(entry.Index, time, Str(r, "action") ?? "(unknown)", Str(r, "actor"), Str(r, "target")));
                        break;
                    case "request" or "stream_end":
                        report.Requests++;
                        Inc(report.Outcomes, outcome.Length == 0 ? "(none)" : outcome);
                        if (Str(r, "model") is { } model) Inc(report.RequestsByModel, model);
                        if (outcome.StartsWith("blocked", StringComparison.Ordinal))
                        {
                            foreach (var stage in new[] { "input", "output" })
                            {
                                if (!r.TryGetProperty(stage, out var v) || v.ValueKind != JsonValueKind.Object) continue;
                                if (Str(v, "action") != "block") continue;
                                foreach (var c in Strings(v, "categories")) Inc(report.BlocksByCategory, c);
                                foreach (var rule in Strings(v, "rules")) Inc(report.BlocksByRule, rule);
                            }
                        }
                        if (outcome == "denied") Inc(report.DenialsByReason, Str(r, "reason") ?? "(unspecified)");
                        break;
                }
            }
        }
        report.Directives.AddRange(directives.Values
            .Where(d => d.Effective < report.To && (d.Lifted is null || d.Lifted > report.From))
            .OrderBy(d => d.Effective));
        foreach (var d in report.Directives) d.Violations.RemoveAll(v => v.Time < report.From || v.Time >= report.To);

        var ordered = checkpoints.OrderBy(c => c.Time).ToList();
        var covering = ordered.Where(c => c.Time >= report.From && c.Time <= report.To).ToList();
        var after = ordered.FirstOrDefault(c => c.Time > report.To);
        if (after is not null) covering.Add(after);
        foreach (var c in covering)
        {
            var lines = c.Note.Split('\n');
            report.Checkpoints.Add(new ReportCheckpoint(c.Size, c.Time, lines.Length > 2 ? lines[2] : ""));
        }
        return report;
    }

    private static void TrackDirective(JsonElement r, long index, DateTimeOffset time, Dictionary<string, DirectiveCheck> directives)
    {
        var action = Str(r, "action");
        r.TryGetProperty("details", out var details);
        var detailsObj = details.ValueKind == JsonValueKind.Object;
        if (action == "directive.issue")
        {
            var id = (detailsObj ? Str(details, "id") : null) ?? Str(r, "target") ?? ("#" + index.ToString(CultureInfo.InvariantCulture));
            var model = (detailsObj ? Str(details, "model") : null) ?? "";
            var effective = detailsObj && TryTime(Str(details, "effective"), out var e) ? e : time;
            var groups = detailsObj ? Strings(details, "allow_groups").ToArray() : [];
            directives[id] = new DirectiveCheck { Id = id, Model = model, AllowGroups = groups, Issued = time, Effective = effective, IssueIndex = index };
        }
        else if (action == "directive.lift")
        {
            var id = (detailsObj ? Str(details, "id") : null) ?? Str(r, "target");
            var all = id is null or "*" or "all" || (detailsObj && details.TryGetProperty("all", out var a) && a.ValueKind == JsonValueKind.True);
            foreach (var d in directives.Values)
            {
                if (d.Lifted is null && (all || d.Id == id)) d.Lifted = time;
            }
        }
    }

    private static void CheckDirectives(JsonElement r, long index, DateTimeOffset time, bool inPeriod, IEnumerable<DirectiveCheck> directives)
    {
        var model = Str(r, "model");
        if (model is null) return;
        IReadOnlyList<string>? groups = null;
        foreach (var d in directives)
        {
            if (d.Model != model || time < d.Effective || (d.Lifted is { } lifted && time >= lifted)) continue;
            groups ??= Strings(r, "groups").ToArray();
            if (inPeriod) d.CheckedRequests++;
            if (!groups.Intersect(d.AllowGroups, StringComparer.Ordinal).Any())
                d.Violations.Add(new DirectiveViolation(index, time, Str(r, "principal"), groups));
        }
    }

    private static void Inc(SortedDictionary<string, long> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static IEnumerable<string> Strings(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Array
            ? p.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)
            : [];

    private static bool TryTime(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
