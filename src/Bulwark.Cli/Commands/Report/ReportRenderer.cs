using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bulwark.Cli.Commands.Report;

/// <summary>
/// Renders a report as JSON (the signed artefact) or as a standalone, printable HTML page (inline CSS and SVG,
/// everything HTML-encoded). A report on a log that failed verification says INVALID at the top and shows no figures.
/// </summary>
internal static class ReportRenderer
{
    private const int MaxRows = 200;

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");

    private static string T(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string I(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Pct(long part, long whole) => whole == 0 ? "0%" : ((double)part / whole).ToString("P1", CultureInfo.InvariantCulture);

    public static string InvalidLine(ReportVerification v) =>
        "INVALID: " + (v.Log.FirstBadIndex is { } i ? $"first bad index {I(i)}{(v.Log.Localized ? "" : " (or a later record before the next checkpoint)")}. " : "") + v.Reason;

    public static string Html(AuditReport r, string? digest)
    {
        var sb = new StringBuilder();
        var v = r.Verification!;
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
          .Append(v.Valid ? "" : "INVALID – ").Append("Bulwark audit report ").Append(E(T(r.From))).Append(" – ").Append(E(T(r.To))).Append("</title>\n<style>")
          .Append("body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem;color:#1b1f24;max-width:62rem}")
          .Append("h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccd;padding-bottom:.2rem}")
          .Append("table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #e4e6ea;vertical-align:top}")
          .Append("td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}.ok{color:#1a7f37}.bad{color:#cf222e;font-weight:600}")
          .Append(".invalid{background:#cf222e;color:#fff;padding:1rem;font-size:1.3rem;font-weight:700}.valid{background:#dafbe1;padding:.75rem;border-left:4px solid #1a7f37}")
          .Append(".muted{color:#656d76}code{font-size:.8rem;word-break:break-all}.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #d0d7de;border-radius:6px;padding:.5rem 1rem;min-width:9rem}")
          .Append(".card b{display:block;font-size:1.4rem}@media print{body{margin:0}h2{break-after:avoid}}</style></head><body>\n");
        if (!v.Valid)
        {
            sb.Append("<p class=\"invalid\">").Append(E(InvalidLine(v))).Append("</p>\n<h1>Bulwark audit report: not computed</h1>\n<p>The audit log (")
              .Append(E(r.Source)).Append(") did not verify against the verifier key <code>").Append(E(v.VerifierKey))
              .Append("</code>, so no figures are given: figures computed from a log that fails verification could be false.</p>\n</body></html>\n");
            return sb.ToString();
        }
        sb.Append("<h1>Bulwark audit report</h1>\n<p>Period <strong>").Append(E(T(r.From))).Append("</strong> to <strong>").Append(E(T(r.To)))
          .Append("</strong>, from ").Append(E(r.Source)).Append(". Generated ").Append(E(T(r.Generated))).Append(".</p>\n");
        Verified(sb, r, digest);
        Summary(sb, r);
        TimeSeries(sb, r);

        sb.Append("<h2>Requests</h2>\n");
        Chart(sb, "Requests by outcome", r.Outcomes);
        Chart(sb, "Requests by model", r.RequestsByModel);

        sb.Append("<h2>Per principal</h2>\n");
        if (r.Principals.Count == 0) sb.Append("<p class=\"muted\">No requests.</p>\n");
        else
        {
            sb.Append("<table><tr><th>Principal</th><th class=\"num\">Requests</th><th class=\"num\">Served</th><th class=\"num\">Blocks</th><th>Denials</th><th>Repeat-offender actions</th></tr>\n");
            foreach (var (id, p) in r.Principals.OrderByDescending(kv => kv.Value.Requests).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(MaxRows))
            {
                sb.Append("<tr><td>").Append(E(id)).Append("</td><td class=\"num\">").Append(N(p.Requests)).Append("</td><td class=\"num\">").Append(N(p.Served))
                  .Append("</td><td class=\"num\">").Append(N(p.Blocks)).Append("</td><td>").Append(E(string.Join(", ", p.Denials.Select(kv => $"{kv.Key} {N(kv.Value)}"))));
                if (p.RateLimitedWhileThrottled > 0)
                    sb.Append("<br><span class=\"muted\">").Append(N(p.RateLimitedWhileThrottled)).Append(" rate_limited after throttling from ").Append(E(T(p.ThrottledSince!.Value))).Append(": caused by throttling</span>");
                sb.Append("</td><td>").Append(E(string.Join(", ", p.OffenderActions.Select(kv => $"{kv.Key} {N(kv.Value)}")))).Append("</td></tr>\n");
            }
            sb.Append("</table>\n");
            if (r.Principals.Count > MaxRows) sb.Append("<p class=\"muted\">").Append(N(r.Principals.Count - MaxRows)).Append(" more principals in the JSON report.</p>\n");
        }

        sb.Append("<h2>Blocks</h2>\n");
        if (r.BlocksByCategory.Count == 0) sb.Append("<p class=\"muted\">No blocked requests.</p>\n");
        Chart(sb, "Blocks by category", r.BlocksByCategory);
        Chart(sb, "Blocks by rule", r.BlocksByRule);

        sb.Append("<h2>Denials</h2>\n");
        if (r.DenialsByReason.Count == 0) sb.Append("<p class=\"muted\">No denied requests.</p>\n");
        else
        {
            sb.Append("<table><tr><th>Reason</th><th class=\"num\">Denials</th><th>Meaning</th></tr>\n");
            foreach (var (reason, n) in r.DenialsByReason.OrderByDescending(kv => kv.Value))
                sb.Append("<tr><td><code>").Append(E(reason)).Append("</code></td><td class=\"num\">").Append(N(n)).Append("</td><td>").Append(E(ReportLegend.Reason(reason))).Append("</td></tr>\n");
            sb.Append("</table>\n");
        }

        sb.Append("<h2>Policies in force</h2>\n");
        if (r.Policies.Count == 0) sb.Append("<p class=\"muted\">No request named a policy.</p>\n");
        else
        {
            sb.Append("<table><tr><th>Policy</th><th>Policy hash</th><th class=\"num\">Requests</th><th>First seen</th><th>Last seen</th></tr>\n");
            foreach (var p in r.Policies)
                sb.Append("<tr><td>").Append(E(p.Name)).Append("</td><td><code>").Append(E(p.Hash)).Append("</code></td><td class=\"num\">").Append(N(p.Requests))
                  .Append("</td><td>").Append(E(T(p.First))).Append("</td><td>").Append(E(T(p.Last))).Append("</td></tr>\n");
            sb.Append("</table>\n");
        }

        sb.Append("<h2>Rule legend</h2>\n");
        if (r.BlocksByRule.Count == 0) sb.Append("<p class=\"muted\">No rule blocked a request in the period.</p>\n");
        else
        {
            sb.Append("<table><tr><th>Rule id</th><th>Meaning</th></tr>\n");
            foreach (var rule in r.BlocksByRule.Keys)
                sb.Append("<tr><td><code>").Append(E(rule)).Append("</code></td><td>").Append(E(ReportLegend.Rule(rule))).Append("</td></tr>\n");
            sb.Append("</table>\n");
        }

        sb.Append("<h2>Directives</h2>\n");
        if (r.Directives.Count == 0) sb.Append("<p class=\"muted\">No directive was in force during the period.</p>\n");
        else
        {
            sb.Append("<table><tr><th>Id</th><th>Effect</th><th>Reason</th><th>Issuer</th><th>In force</th><th>Compliance</th></tr>\n");
            foreach (var d in r.Directives)
            {
                sb.Append("<tr><td><code>").Append(E(d.Id)).Append("</code></td><td>").Append(E(d.Model)).Append(" only for ").Append(E(string.Join(", ", d.AllowGroups)))
                  .Append("</td><td>").Append(E(d.Reason)).Append("</td><td>").Append(E(d.Issuer)).Append("</td><td>").Append(E(T(d.Effective))).Append(" – ")
                  .Append(d.Lifted is { } l ? E(T(l)) : "still in force").Append("</td><td>").Append(N(d.CheckedRequests)).Append(" served requests checked: ")
                  .Append(d.Compliant ? "<span class=\"ok\">compliant</span>" : $"<span class=\"bad\">{N(d.Violations.Count)} violations</span>").Append("</td></tr>\n");
            }
            sb.Append("</table>\n");
            foreach (var d in r.Directives.Where(d => !d.Compliant))
            {
                sb.Append("<h3>Violations of ").Append(E(d.Id)).Append("</h3>\n<table><tr><th>Time</th><th>Principal</th><th>Groups</th><th class=\"num\">Log index</th></tr>\n");
                foreach (var x in d.Violations.Take(MaxRows))
                    sb.Append("<tr><td>").Append(E(T(x.Time))).Append("</td><td>").Append(E(x.Principal)).Append("</td><td>").Append(E(string.Join(", ", x.Groups)))
                      .Append("</td><td class=\"num\">").Append(I(x.Index)).Append("</td></tr>\n");
                sb.Append("</table>\n");
            }
        }

        sb.Append("<h2>Administrative actions</h2>\n");
        if (r.AdminActions.Count == 0) sb.Append("<p class=\"muted\">None.</p>\n");
        else
        {
            sb.Append("<table><tr><th>Time</th><th>Action</th><th>Actor</th><th>Target</th><th class=\"num\">Log index</th></tr>\n");
            foreach (var a in r.AdminActions.Take(MaxRows))
                sb.Append("<tr><td>").Append(E(T(a.Time))).Append("</td><td>").Append(E(a.Action)).Append("</td><td>").Append(E(a.Actor)).Append("</td><td>")
                  .Append(E(a.Target)).Append("</td><td class=\"num\">").Append(I(a.Index)).Append("</td></tr>\n");
            sb.Append("</table>\n");
            if (r.AdminActions.Count > MaxRows) sb.Append("<p class=\"muted\">").Append(N(r.AdminActions.Count - MaxRows)).Append(" more in the JSON report.</p>\n");
        }

        sb.Append("<h2>Checkpoints</h2>\n");
        var c = r.Checkpoints!;
        sb.Append("<p>").Append(N(c.Total)).Append(" signed checkpoints in the log (tree sizes ").Append(N(c.SmallestSize)).Append(" to ").Append(N(c.LargestSize))
          .Append("; at most ").Append(N(c.LargestGap)).Append(" records between two), ").Append(N(c.CoveringPeriod))
          .Append(" of them cover records of the period. All were verified against the records and against each other. Latest root <code>")
          .Append(E(c.LatestRoot)).Append("</code>.</p>\n");
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    private static void Verified(StringBuilder sb, AuditReport r, string? digest)
    {
        var v = r.Verification!;
        sb.Append("<div class=\"valid\"><strong>VERIFIED</strong> before anything was computed: every record, every checkpoint signature and the consistency of all checkpoints.<br>")
          .Append("Tree size <strong>").Append(N(v.TreeSize)).Append("</strong>, root hash <code>").Append(E(v.RootHash)).Append("</code>, origin <code>").Append(E(v.Origin))
          .Append("</code>, verifier key <code>").Append(E(v.VerifierKey)).Append("</code>.");
        if (v.Log.RecordCount > v.TreeSize)
            sb.Append("<br>").Append(N(v.Log.RecordCount - v.TreeSize)).Append(" newer records are not yet covered by a checkpoint; they are counted but not vouched for.");
        sb.Append("<br>Witnesses: ");
        if (v.Witnesses is null || v.Witnesses.Witnesses.Count == 0) sb.Append("none checked (pass <code>--witness-key</code>).");
        else
        {
            sb.Append(N(v.Witnesses.Valid)).Append(" of ").Append(N(v.Witnesses.Witnesses.Count)).Append(" cosigned the latest checkpoint (quorum ").Append(N(v.Witnesses.Quorum)).Append("): ");
            sb.Append(string.Join("; ", v.Witnesses.Witnesses.Select(w => E(w.Name) + (w.Timestamp is { } t ? " at " + E(T(DateTimeOffset.FromUnixTimeSeconds(t))) : " <span class=\"bad\">missing</span>"))));
        }
        if (digest is not null) sb.Append("<br>The JSON report's SHA-256 is <code>").Append(E(digest)).Append("</code>; check its signature with <code>bulwark report verify</code>.");
        sb.Append("</div>\n");
    }

    private static void Summary(StringBuilder sb, AuditReport r)
    {
        sb.Append("<h2>Summary</h2>\n<div class=\"cards\">");
        Card(sb, "requests", N(r.Requests));
        Card(sb, "blocked", $"{N(r.Blocks)} ({Pct(r.Blocks, r.Requests)})");
        Card(sb, "denied", $"{N(r.Denials)} ({Pct(r.Denials, r.Requests)})");
        Card(sb, "principals", N(r.Principals.Count));
        Card(sb, "offender actions", N(r.OffenderActions.Values.Sum()));
        Card(sb, "admin actions", N(r.AdminActions.Count));
        Card(sb, "directive violations", N(r.Directives.Sum(d => d.Violations.Count)));
        sb.Append("</div>\n<ul>");
        if (r.BlocksByCategory.Count > 0)
        {
            var top = r.BlocksByCategory.MaxBy(kv => kv.Value);
            sb.Append("<li>Most blocks were <strong>").Append(E(top.Key)).Append("</strong> (").Append(N(top.Value)).Append(").</li>");
        }
        if (r.DenialsByReason.Count > 0)
        {
            var top = r.DenialsByReason.MaxBy(kv => kv.Value);
            sb.Append("<li>Most denials were <code>").Append(E(top.Key)).Append("</code> (").Append(N(top.Value)).Append("): ").Append(E(ReportLegend.Reason(top.Key))).Append(".</li>");
        }
        var throttled = r.Principals.Values.Sum(p => p.RateLimitedWhileThrottled);
        if (throttled > 0) sb.Append("<li>").Append(N(throttled)).Append(" rate_limited denials came from principals the repeat-offender tracker had throttled.</li>");
        if (r.Policies.Count > 0) sb.Append("<li>Policies in force: ").Append(E(string.Join(", ", r.Policies.Select(p => p.Name).Distinct()))).Append(" (").Append(N(r.Policies.Count)).Append(" distinct policy hashes).</li>");
        if (r.UnreadableRecords > 0) sb.Append("<li class=\"bad\">").Append(N(r.UnreadableRecords)).Append(" records could not be read as audit records.</li>");
        sb.Append("</ul>\n");
    }

    private static void Card(StringBuilder sb, string label, string value) =>
        sb.Append("<div class=\"card\"><b>").Append(E(value)).Append("</b>").Append(E(label)).Append("</div>");

    private static void TimeSeries(StringBuilder sb, AuditReport r)
    {
        sb.Append("<h2>Over time</h2>\n");
        if (r.Series.Count == 0)
        {
            sb.Append("<p class=\"muted\">No requests in the period.</p>\n");
            return;
        }
        var buckets = (int)Math.Min(10_000, Math.Ceiling((r.To - r.From) / r.Bucket));
        var max = Math.Max(1, r.Series.Values.Max(p => p.Requests));
        const int Width = 900, Height = 180;
        var bar = Math.Max(1.0, (double)Width / Math.Max(1, buckets));
        sb.Append(CultureInfo.InvariantCulture, $"<figure><figcaption><strong>Requests (grey), blocks (red) and denials (orange) per {(r.Bucket.TotalHours <= 1 ? "hour" : r.Bucket.TotalDays <= 1 ? "day" : "week")}</strong></figcaption>\n")
          .Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height + 20}\" role=\"img\" aria-label=\"requests over time\">\n");
        foreach (var (start, p) in r.Series)
        {
            var x = (start - r.From) / r.Bucket * bar;
            foreach (var (value, colour) in new[] { (p.Requests, "#8c959f"), (p.Blocks + p.Denials, "#fb8f44"), (p.Blocks, "#cf222e") })
            {
                if (value == 0) continue;
                var h = Math.Max(1, value * Height / (double)max);
                sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:F1}\" y=\"{Height - h:F1}\" width=\"{Math.Max(1, bar - 1):F1}\" height=\"{h:F1}\" fill=\"{colour}\"><title>{E(T(start))}: {N(value)}</title></rect>");
            }
        }
        sb.Append(CultureInfo.InvariantCulture, $"\n<text x=\"0\" y=\"{Height + 15}\" font-size=\"11\">{E(T(r.From))}</text><text x=\"{Width}\" y=\"{Height + 15}\" font-size=\"11\" text-anchor=\"end\">{E(T(r.To))}</text>")
          .Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"12\" font-size=\"11\">max {N(max)}</text></svg></figure>\n");
    }

    private static void Chart(StringBuilder sb, string title, SortedDictionary<string, long> counts)
    {
        if (counts.Count == 0) return;
        var rows = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(25).ToList();
        var max = Math.Max(1, rows.Max(kv => kv.Value));
        const int RowHeight = 22, LabelWidth = 220, BarWidth = 380;
        var height = rows.Count * RowHeight + 8;
        sb.Append("<figure><figcaption><strong>").Append(E(title)).Append("</strong></figcaption>\n")
          .Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{LabelWidth + BarWidth + 90}\" height=\"{height}\" role=\"img\" aria-label=\"{E(title)}\">\n");
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, value) = (rows[i].Key, rows[i].Value);
            var y = i * RowHeight + 4;
            var w = Math.Max(1, (int)Math.Round((double)value / max * BarWidth));
            var shown = label.Length > 32 ? label[..31] + "…" : label;
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 6}\" y=\"{y + 15}\" text-anchor=\"end\" font-size=\"12\">{E(shown)}</text>")
              .Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{w}\" height=\"{RowHeight - 6}\" fill=\"#4f6bed\"><title>{E(label)}: {value}</title></rect>")
              .Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + w + 6}\" y=\"{y + 15}\" font-size=\"12\">{N(value)}</text>\n");
        }
        sb.Append("</svg></figure>\n");
    }

    public static string Json(AuditReport r)
    {
        static JsonObject Counts(SortedDictionary<string, long> c) => new(c.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        static JsonArray Arr<T>(IEnumerable<T> items, Func<T, JsonNode?> f) => new(items.Select(f).ToArray());
        var v = r.Verification!;
        var verification = new JsonObject
        {
            ["valid"] = v.Valid,
            ["reason"] = v.Valid ? "ok" : v.Reason,
            ["first_bad_index"] = v.Log.FirstBadIndex,
            ["verifier_key"] = v.VerifierKey,
            ["origin"] = v.Origin,
            ["tree_size"] = v.TreeSize,
            ["root_hash"] = v.RootHash,
            ["records"] = v.Log.RecordCount,
            ["checkpoints"] = v.Log.CheckpointCount,
            ["witnesses"] = v.Witnesses is null ? null : new JsonObject
            {
                ["quorum"] = v.Witnesses.Quorum,
                ["valid"] = v.Witnesses.Valid,
                ["cosignatures"] = Arr(v.Witnesses.Witnesses, w => new JsonObject
                {
                    ["name"] = w.Name, ["key"] = w.VerifierKey, ["time"] = w.Timestamp is { } t ? T(DateTimeOffset.FromUnixTimeSeconds(t)) : null,
                }),
            },
        };
        var o = new JsonObject
        {
            ["type"] = "bulwark-report",
            ["version"] = 2,
            ["from"] = T(r.From),
            ["to"] = T(r.To),
            ["generated"] = T(r.Generated),
            ["source"] = r.Source,
            ["verification"] = verification,
        };
        if (!v.Valid) return o.ToJsonString(Indented);
        o["summary"] = new JsonObject
        {
            ["requests"] = r.Requests, ["blocked"] = r.Blocks, ["denied"] = r.Denials, ["principals"] = r.Principals.Count,
            ["offender_actions"] = r.OffenderActions.Values.Sum(), ["admin_actions"] = r.AdminActions.Count,
            ["directive_violations"] = r.Directives.Sum(d => d.Violations.Count),
            ["rate_limited_while_throttled"] = r.Principals.Values.Sum(p => p.RateLimitedWhileThrottled),
        };
        o["log_size"] = r.LogSize;
        o["records_in_period"] = r.RecordsInPeriod;
        o["unreadable_records"] = r.UnreadableRecords;
        o["requests"] = r.Requests;
        o["outcomes"] = Counts(r.Outcomes);
        o["requests_by_model"] = Counts(r.RequestsByModel);
        o["blocks_by_category"] = Counts(r.BlocksByCategory);
        o["blocks_by_rule"] = Counts(r.BlocksByRule);
        o["denials_by_reason"] = Counts(r.DenialsByReason);
        o["offender_actions"] = Counts(r.OffenderActions);
        o["principals"] = new JsonObject(r.Principals.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)new JsonObject
        {
            ["requests"] = kv.Value.Requests, ["served"] = kv.Value.Served, ["blocks"] = kv.Value.Blocks, ["denials"] = Counts(kv.Value.Denials),
            ["offender_actions"] = Counts(kv.Value.OffenderActions), ["throttled_since"] = kv.Value.ThrottledSince is { } ts ? T(ts) : null,
            ["rate_limited_while_throttled"] = kv.Value.RateLimitedWhileThrottled,
        })));
        o["policies"] = Arr(r.Policies, p => new JsonObject { ["name"] = p.Name, ["hash"] = p.Hash, ["requests"] = p.Requests, ["first"] = T(p.First), ["last"] = T(p.Last) });
        o["rule_legend"] = new JsonObject(r.BlocksByRule.Keys.Select(k => KeyValuePair.Create(k, (JsonNode?)ReportLegend.Rule(k))));
        o["reason_legend"] = new JsonObject(r.DenialsByReason.Keys.Select(k => KeyValuePair.Create(k, (JsonNode?)ReportLegend.Reason(k))));
        o["time_series"] = new JsonObject
        {
            ["bucket_seconds"] = (long)r.Bucket.TotalSeconds,
            ["points"] = Arr(r.Series, kv => new JsonObject { ["start"] = T(kv.Key), ["requests"] = kv.Value.Requests, ["blocks"] = kv.Value.Blocks, ["denials"] = kv.Value.Denials }),
        };
        o["admin_actions"] = Arr(r.AdminActions, a => new JsonObject { ["index"] = a.Index, ["time"] = T(a.Time), ["action"] = a.Action, ["actor"] = a.Actor, ["target"] = a.Target });
        o["directives"] = Arr(r.Directives, d => new JsonObject
        {
            ["id"] = d.Id, ["model"] = d.Model, ["allow_groups"] = Arr(d.AllowGroups, g => g), ["reason"] = d.Reason, ["issuer"] = d.Issuer,
            ["effect"] = $"{d.Model} only for {string.Join(", ", d.AllowGroups)}",
            ["effective"] = T(d.Effective), ["lifted"] = d.Lifted is { } l ? T(l) : null, ["checked_requests"] = d.CheckedRequests, ["compliant"] = d.Compliant,
            ["violations"] = Arr(d.Violations, x => new JsonObject { ["index"] = x.Index, ["time"] = T(x.Time), ["principal"] = x.Principal, ["groups"] = Arr(x.Groups, g => g) }),
        });
        var c = r.Checkpoints!;
        o["checkpoints"] = new JsonObject
        {
            ["total"] = c.Total, ["covering_period"] = c.CoveringPeriod, ["smallest_size"] = c.SmallestSize, ["largest_size"] = c.LargestSize,
            ["largest_gap"] = c.LargestGap, ["latest_root"] = c.LatestRoot,
        };
        return o.ToJsonString(Indented);
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
