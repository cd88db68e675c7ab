using System.Globalization;
using System.Text.Json;
using Bulwark.Audit.Export;
using Bulwark.Audit.Notes;

namespace Bulwark.Cli.Commands.Report;

/// <summary>Computes an <see cref="AuditReport"/> in one pass over the log's canonical AuditRecord JSON. Call it only on a verified log.</summary>
internal static class ReportBuilder
{
    private const string KindAdmin = "admin";
    private const string KindOffender = "offender";
    private const string OutcomeServed = "served";
    private const string OutcomeDenied = "denied";
    private const string ActionThrottle = "principal.throttle";

    public static async Task<AuditReport> BuildAsync(IAsyncEnumerable<LogEntry> records, IReadOnlyList<string> checkpointNotes, AuditReport report, CancellationToken cancellationToken)
    {
        report.Bucket = BucketFor(report.To - report.From);
        var directives = new Dictionary<string, DirectiveCheck>(StringComparer.Ordinal);
        var policies = new Dictionary<(string, string), PolicyUse>();
        var throttledSince = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        long firstInPeriod = -1, lastInPeriod = -1;
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
                var principal = Str(r, "principal");
                var inPeriod = time >= report.From && time < report.To;
                if (kind == KindAdmin) TrackDirective(r, entry.Index, time, directives);
                if (kind == KindOffender && Str(r, "action") == ActionThrottle && principal is not null) throttledSince.TryAdd(principal, time);
                if (kind is "request" or "stream_end" && outcome == OutcomeServed) CheckDirectives(r, entry.Index, time, inPeriod, directives.Values);
                if (!inPeriod) continue;
                if (firstInPeriod < 0) firstInPeriod = entry.Index;
                lastInPeriod = entry.Index;
                report.RecordsInPeriod++;
                switch (kind)
                {
                    case KindAdmin:
                        report.AdminActions.Add(new AdminAction(entry.Index, time, Str(r, "action") ?? "(unknown)", Str(r, "actor"), Str(r, "target")));
                        break;
                    case KindOffender:
                        var action = Str(r, "action") ?? "(unknown)";
                        Inc(report.OffenderActions, action);
                        if (principal is not null)
                        {
                            var p = Principal(report, principal);
                            Inc(p.OffenderActions, action);
                            if (action == ActionThrottle) p.ThrottledSince ??= time;
                        }
                        break;
                    case "request" or "stream_end":
                        CountRequest(report, r, time, outcome, principal, throttledSince, policies);
                        break;
                }
            }
        }
        report.Directives.AddRange(directives.Values
            .Where(d => d.Effective < report.To && (d.Lifted is null || d.Lifted > report.From))
            .OrderBy(d => d.Effective));
        foreach (var d in report.Directives) d.Violations.RemoveAll(v => v.Time < report.From || v.Time >= report.To);
        report.Policies.AddRange(policies.Values.OrderByDescending(p => p.Requests).ThenBy(p => p.Name, StringComparer.Ordinal));
        report.Checkpoints = Summarise(checkpointNotes, firstInPeriod, lastInPeriod);
        return report;
    }

    private static void CountRequest(AuditReport report, JsonElement r, DateTimeOffset time, string outcome, string? principal,
        Dictionary<string, DateTimeOffset> throttledSince, Dictionary<(string, string), PolicyUse> policies)
    {
        report.Requests++;
        Inc(report.Outcomes, outcome.Length == 0 ? "(none)" : outcome);
        if (Str(r, "model") is { } model) Inc(report.RequestsByModel, model);
        var point = Point(report, time);
        point.Requests++;
        var blocked = outcome.StartsWith("blocked", StringComparison.Ordinal);
        var activity = principal is null ? null : Principal(report, principal);
        if (activity is not null)
        {
            activity.Requests++;
            if (outcome == OutcomeServed) activity.Served++;
        }
        if (Str(r, "policy") is { } policyName)
        {
            var hash = Str(r, "policy_hash") ?? "";
            if (!policies.TryGetValue((policyName, hash), out var use))
                policies[(policyName, hash)] = use = new PolicyUse { Name = policyName, Hash = hash, First = time };
            use.Requests++;
            use.Last = time;
        }
        if (blocked)
        {
            point.Blocks++;
            if (activity is not null) activity.Blocks++;
            foreach (var stage in new[] { "input", "output" })
            {
                if (!r.TryGetProperty(stage, out var v) || v.ValueKind != JsonValueKind.Object) continue;
                if (Str(v, "action") != "block") continue;
                foreach (var c in Strings(v, "categories")) Inc(report.BlocksByCategory, c);
                foreach (var rule in Strings(v, "rules")) Inc(report.BlocksByRule, rule);
            }
        }
        if (outcome == OutcomeDenied)
        {
            point.Denials++;
            var reason = Str(r, "reason") ?? "(unspecified)";
            Inc(report.DenialsByReason, reason);
            if (activity is not null)
            {
                Inc(activity.Denials, reason);
                if (reason == "rate_limited" && throttledSince.TryGetValue(principal!, out var since) && since <= time)
                {
                    activity.RateLimitedWhileThrottled++;
                    activity.ThrottledSince ??= since;
                }
            }
        }
    }

    private static PrincipalActivity Principal(AuditReport report, string id)
    {
        if (!report.Principals.TryGetValue(id, out var p)) report.Principals[id] = p = new PrincipalActivity();
        return p;
    }

    private static SeriesPoint Point(AuditReport report, DateTimeOffset time)
    {
        var ticks = (time - report.From).Ticks / report.Bucket.Ticks * report.Bucket.Ticks;
        var key = report.From + TimeSpan.FromTicks(ticks);
        if (!report.Series.TryGetValue(key, out var p)) report.Series[key] = p = new SeriesPoint();
        return p;
    }

    /// <summary>Hourly up to three days, daily up to 120 days, weekly beyond.</summary>
    public static TimeSpan BucketFor(TimeSpan period) =>
        period <= TimeSpan.FromDays(3) ? TimeSpan.FromHours(1) : period <= TimeSpan.FromDays(120) ? TimeSpan.FromDays(1) : TimeSpan.FromDays(7);

    /// <summary>The checkpoints whose tree covers a record of the period: sizes after its first record, up to the first that covers its last.</summary>
    private static CheckpointSummary Summarise(IReadOnlyList<string> notes, long firstInPeriod, long lastInPeriod)
    {
        var sizes = new List<(long Size, string Root)>();
        foreach (var n in notes)
        {
            if (SignedNote.TryParse(n, out var sn, out _) && Checkpoint.TryParseBody(sn!.Text, out var cp, out _))
                sizes.Add((cp!.Size, Convert.ToBase64String(cp.RootHash)));
        }
        sizes.Sort((a, b) => a.Size.CompareTo(b.Size));
        if (sizes.Count == 0) return new CheckpointSummary(0, 0, 0, 0, 0, "");
        var covering = 0;
        if (firstInPeriod >= 0)
        {
            var coveredLast = false;
            foreach (var (size, _) in sizes)
            {
                if (size <= firstInPeriod || coveredLast) continue;
                covering++;
                if (size > lastInPeriod) coveredLast = true;
            }
        }
        long gap = sizes[0].Size;
        for (var i = 1; i < sizes.Count; i++) gap = Math.Max(gap, sizes[i].Size - sizes[i - 1].Size);
        return new CheckpointSummary(sizes.Count, covering, sizes[0].Size, sizes[^1].Size, gap, sizes[^1].Root);
    }

    private static void TrackDirective(JsonElement r, long index, DateTimeOffset time, Dictionary<string, DirectiveCheck> directives)
    {
        var action = Str(r, "action");
        r.TryGetProperty("details", out var details);
        var detailsObj = details.ValueKind == JsonValueKind.Object;
        if (action == "directive.issue")
        {
            var id = (detailsObj ? Str(details, "directive_id") ?? Str(details, "id") : null) ?? Str(r, "target") ?? ("#" + index.ToString(CultureInfo.InvariantCulture));
            var model = (detailsObj ? Str(details, "model") : null) ?? Str(r, "target") ?? "";
            var effective = detailsObj && TryTime(Str(details, "effective"), out var e) ? e : time;
            var groups = detailsObj ? Strings(details, "allow_groups").ToArray() : [];
            directives[id] = new DirectiveCheck
            {
                Id = id, Model = model, AllowGroups = groups, Issued = time, Effective = effective, IssueIndex = index,
                Reason = (detailsObj ? Str(details, "reason") : null) ?? "", Issuer = Str(r, "actor") ?? "",
            };
        }
        else if (action == "directive.lift")
        {
            var id = (detailsObj ? Str(details, "directive_id") ?? Str(details, "id") : null) ?? Str(r, "target");
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
