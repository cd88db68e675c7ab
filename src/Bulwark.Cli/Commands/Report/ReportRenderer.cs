using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bulwark.Cli.Commands.Report;

/// <summary>Renders a report as a standalone, printable HTML page (inline CSS and SVG, everything HTML-encoded) or as JSON.</summary>
internal static class ReportRenderer
{
    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");

    private static string T(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Html(AuditReport r)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bulwark audit report ")
          .Append(E(T(r.From))).Append(" – ").Append(E(T(r.To))).Append("</title>\n<style>")
          .Append("body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem;color:#1b1f24;max-width:60rem}")
          .Append("h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccd;padding-bottom:.2rem}")
          .Append("table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #e4e6ea}")
          .Append("td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}.ok{color:#1a7f37}.bad{color:#cf222e;font-weight:600}")
          .Append(".muted{color:#656d76}code{font-size:.8rem;word-break:break-all}@media print{body{margin:0}h2{break-after:avoid}}")
          .Append("</style></head><body>\n");
        sb.Append("<h1>Bulwark audit report</h1>\n<p>Period <strong>").Append(E(T(r.From))).Append("</strong> to <strong>").Append(E(T(r.To)))
          .Append("</strong>. Computed from the audit log alone (").Append(E(r.Source)).Append(", ").Append(N(r.LogSize)).Append(" records in the log, ")
          .Append(N(r.RecordsInPeriod)).Append(" in the period). Generated ").Append(E(T(r.Generated))).Append(".</p>\n");
        if (r.UnreadableRecords > 0) sb.Append("<p class=\"bad\">").Append(N(r.UnreadableRecords)).Append(" records could not be read as audit records.</p>\n");

        sb.Append("<h2>Requests</h2>\n<p>").Append(N(r.Requests)).Append(" requests.</p>\n");
        Chart(sb, "Requests by outcome", r.Outcomes);
        Chart(sb, "Requests by model", r.RequestsByModel);

        sb.Append("<h2>Blocks</h2>\n");
        if (r.BlocksByCategory.Count == 0) sb.Append("<p class=\"muted\">No blocked requests.</p>\n");
        Chart(sb, "Blocks by category", r.BlocksByCategory);
        Chart(sb, "Blocks by rule", r.BlocksByRule);

        sb.Append("<h2>Denials</h2>\n");
        if (r.DenialsByReason.Count == 0) sb.Append("<p class=\"muted\">No denied requests.</p>\n");
        Chart(sb, "Denials by reason", r.DenialsByReason);

        sb.Append("<h2>Administrative actions</h2>\n");
        if (r.AdminActions.Count == 0) sb.Append("<p class=\"muted\">None.</p>\n");
        else
        {
            sb.Append("<table><tr><th>Time</th><th>Action</th><th>Actor</th><th>Target</th><th class=\"num\">Log index</th></tr>\n");
            foreach (var a in r.AdminActions)
                sb.Append("<tr><td>").Append(E(T(a.Time))).Append("</td><td>").Append(E(a.Action)).Append("</td><td>").Append(E(a.Actor)).Append("</td><td>")
                  .Append(E(a.Target)).Append("</td><td class=\"num\">").Append(a.Index.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
            sb.Append("</table>\n");
        }

        sb.Append("<h2>Directive compliance</h2>\n");
        if (r.Directives.Count == 0) sb.Append("<p class=\"muted\">No directive was in force during the period.</p>\n");
        foreach (var d in r.Directives)
        {
            sb.Append("<h3>").Append(E(d.Id)).Append(": ").Append(E(d.Model)).Append(" restricted to ").Append(E(string.Join(", ", d.AllowGroups))).Append("</h3>\n<p>Effective ")
              .Append(E(T(d.Effective))).Append(d.Lifted is { } l ? ", lifted " + E(T(l)) : ", still in force").Append(". ")
              .Append(N(d.CheckedRequests)).Append(" served requests for the model checked in the period: ");
            if (d.Compliant) sb.Append("<span class=\"ok\">compliant</span>.</p>\n");
            else
            {
                sb.Append("<span class=\"bad\">").Append(N(d.Violations.Count)).Append(" violations</span>.</p>\n<table><tr><th>Time</th><th>Principal</th><th>Groups</th><th class=\"num\">Log index</th></tr>\n");
                foreach (var v in d.Violations.Take(200))
                    sb.Append("<tr><td>").Append(E(T(v.Time))).Append("</td><td>").Append(E(v.Principal)).Append("</td><td>").Append(E(string.Join(", ", v.Groups)))
                      .Append("</td><td class=\"num\">").Append(v.Index.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
                sb.Append("</table>\n");
            }
        }

        sb.Append("<h2>Signed checkpoints covering the period</h2>\n");
        if (r.Checkpoints.Count == 0) sb.Append("<p class=\"bad\">No signed checkpoint covers this period yet.</p>\n");
        else
        {
            sb.Append("<table><tr><th>Signed</th><th class=\"num\">Tree size</th><th>Root hash (base64)</th></tr>\n");
            foreach (var c in r.Checkpoints)
                sb.Append("<tr><td>").Append(E(T(c.Time))).Append("</td><td class=\"num\">").Append(N(c.Size)).Append("</td><td><code>").Append(E(c.RootBase64)).Append("</code></td></tr>\n");
            sb.Append("</table>\n<p class=\"muted\">Verify the log against these with <code>bulwark audit verify --key &lt;verifier key&gt;</code>.</p>\n");
        }
        sb.Append("</body></html>\n");
        return sb.ToString();
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
        var o = new JsonObject
        {
            ["from"] = T(r.From),
            ["to"] = T(r.To),
            ["generated"] = T(r.Generated),
            ["source"] = r.Source,
            ["log_size"] = r.LogSize,
            ["records_in_period"] = r.RecordsInPeriod,
            ["unreadable_records"] = r.UnreadableRecords,
            ["requests"] = r.Requests,
            ["outcomes"] = Counts(r.Outcomes),
            ["requests_by_model"] = Counts(r.RequestsByModel),
            ["blocks_by_category"] = Counts(r.BlocksByCategory),
            ["blocks_by_rule"] = Counts(r.BlocksByRule),
            ["denials_by_reason"] = Counts(r.DenialsByReason),
            ["admin_actions"] = new JsonArray(r.AdminActions.Select(a => (JsonNode)new JsonObject
            {
                ["index"] = a.Index, ["time"] = T(a.Time), ["action"] = a.Action, ["actor"] = a.Actor, ["target"] = a.Target,
            }).ToArray()),
            ["directives"] = new JsonArray(r.Directives.Select(d => (JsonNode)new JsonObject
            {
                ["id"] = d.Id, ["model"] = d.Model, ["allow_groups"] = new JsonArray(d.AllowGroups.Select(g => (JsonNode)g).ToArray()),
                ["effective"] = T(d.Effective), ["lifted"] = d.Lifted is { } l ? T(l) : null, ["checked_requests"] = d.CheckedRequests,
                ["compliant"] = d.Compliant,
                ["violations"] = new JsonArray(d.Violations.Select(v => (JsonNode)new JsonObject
                {
                    ["index"] = v.Index, ["time"] = T(v.Time), ["principal"] = v.Principal, ["groups"] = new JsonArray(v.Groups.Select(g => (JsonNode)g).ToArray()),
                }).ToArray()),
            }).ToArray()),
            ["checkpoints"] = new JsonArray(r.Checkpoints.Select(c => (JsonNode)new JsonObject { ["size"] = c.Size, ["time"] = T(c.Time), ["root"] = c.RootBase64 }).ToArray()),
        };
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
