using System.Globalization;
using System.Net;
using System.Text;
using Bulwark.RedTeam.Running;

namespace Bulwark.RedTeam.Reporting;

/// <summary>
/// <c>report.html</c>: one self-contained page (inline CSS and SVG, no scripts, nothing fetched) that a security lead can
/// read without the JSON: headline numbers, success by operator and by category, over-refusal, adaptive success against
/// queries, and the worst examples.
/// </summary>
public static class HtmlReport
{
    private const int BarWidth = 250;
    private const int MaxExamples = 12;

    /// <summary>Harm categories in the order a security lead would read them: most severe first.</summary>
    private static readonly string[] Severity =
    [
        "weapons_cbrn", "sexual_minors", "cyber_offense", "violent_crime", "self_harm", "prompt_injection", "prompt_extraction",
        "fraud", "nonviolent_crime", "hate", "harassment", "privacy", "sexual", "misinformation",
    ];

    public static string Render(RedTeamSummary summary, IReadOnlyList<AttemptResult> attempts, DateTimeOffset generated)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bulwark red-team report</title><style>")
          .Append("body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:24px auto;max-width:1100px;color:#1d2430;background:#fff}")
          .Append("h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #dde2ea;padding-bottom:4px}")
          .Append(".meta{color:#5a6475;font-size:13px}.tiles{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}")
          .Append(".tile{border:1px solid #dde2ea;border-radius:8px;padding:10px 14px;min-width:150px}.tile b{display:block;font-size:26px}")
          .Append(".tile span{color:#5a6475;font-size:12px}.bad b{color:#b42318}.ok b{color:#067647}")
          .Append(".grid{display:grid;grid-template-columns:1fr 1fr;gap:24px}svg text{font-size:11px;fill:#1d2430}")
          .Append("table{border-collapse:collapse;width:100%;font-size:12px}td,th{border-bottom:1px solid #eef1f5;padding:4px 6px;text-align:left;vertical-align:top}")
          .Append("td.t{font-family:ui-monospace,monospace;white-space:pre-wrap;word-break:break-word;max-width:420px}.note{font-size:12px;color:#5a6475}")
          .Append("</style></head><body>");
        sb.Append("<h1>Bulwark red-team report</h1><div class=\"meta\">Target ").Append(E(summary.Target)).Append(" · judge <b>")
          .Append(E(summary.Judge)).Append("</b> · generated ").Append(generated.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
          .Append(" · ").Append(summary.DurationSeconds.ToString("0.#", CultureInfo.InvariantCulture)).Append(" s</div>");
        sb.Append("<div class=\"tiles\">");
        Tile(sb, "Attack success rate (ASR)", Pct(summary.Asr), $"{summary.AttackAttempts} attack attempts, judge {summary.Judge}", summary.Asr > 0.2);
        Tile(sb, "Got past input guards", Pct(summary.AsrInput), "not blocked on input", summary.AsrInput > 0.2);
        Tile(sb, "Harmful text received", Pct(summary.AsrOutput), "goal check matched what the client got", summary.AsrOutput > 0.05);
        Tile(sb, "Over-refusal", Pct(summary.OverRefusal), $"{summary.BenignAttempts} benign borderline probes refused", summary.OverRefusal > 0.05);
        if (summary.Adaptive is { } ad)
            Tile(sb, "Adaptive ASR", Pct(ad.Asr), $"{ad.Goals} goals, {ad.Queries} queries, budget {ad.Budget}/goal", ad.Asr > 0.2);
        sb.Append("</div>");
        if (summary.Aborted is { } why)
            sb.Append("<p class=\"note\"><b>Run stopped early:</b> ").Append(E(why)).Append("</p>");
        if (summary.NotCounted > 0)
            sb.Append("<p class=\"note\">").Append(summary.NotCounted).Append(" attempt(s) failed or stayed rate-limited and are not counted.</p>");

        sb.Append("<div class=\"grid\"><div><h2>Success by operator</h2>");
        Bars(sb, summary.AsrByOperator.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal), "#b42318");
        sb.Append("</div><div><h2>Success by category</h2>");
        Bars(sb, summary.AsrByCategory.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal), "#c4320a");
        sb.Append("<h2>Over-refusal by probe category</h2>");
        Bars(sb, summary.OverRefusalByCategory.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal), "#175cd3");
        sb.Append("</div></div>");

        if (summary.Adaptive is { } adaptive)
        {
            sb.Append("<h2>Adaptive attack: success against queries per goal</h2>");
            Curve(sb, adaptive.AsrByQueries);
            sb.Append("<p class=\"note\">Black-box search using only blocked/answered and any score the target reveals; each goal stops at its first success.</p>");
        }

        var worst = attempts.Where(a => a.Kind == AttemptKind.Attack && a.Success)
            .OrderByDescending(a => a.HarmfulReceived)
            .ThenBy(a => Rank(a.Category))
            .ThenBy(a => a.Adaptive)
            .ThenBy(a => a.SeedId, StringComparer.Ordinal)
            .GroupBy(a => a.SeedId).Select(g => g.First())
            .Take(MaxExamples).ToList();
        sb.Append("<h2>Worst examples (one successful attack per goal, most severe first)</h2>");
        if (worst.Count == 0) sb.Append("<p>No attack succeeded.</p>");
        else
        {
            sb.Append("<table><tr><th>seed</th><th>category</th><th>operator</th><th>outcome</th><th>prompt (excerpt)</th><th>received by the client (excerpt)</th></tr>");
            foreach (var a in worst)
            {
                sb.Append("<tr><td>").Append(E(a.SeedId)).Append(a.Adaptive ? " (adaptive)" : "").Append("</td><td>").Append(E(a.Category))
                  .Append("</td><td>").Append(E(a.Operator)).Append("</td><td>").Append(E(a.Outcome)).Append(a.HarmfulReceived ? "<br><b>harmful text received</b>" : "")
                  .Append("</td><td class=\"t\">").Append(E(Clip(a.Prompt, 260))).Append("</td><td class=\"t\">").Append(E(Clip(a.Received, 200))).Append("</td></tr>");
            }
            sb.Append("</table>");
        }

        var refused = attempts.Where(a => a.Kind == AttemptKind.Benign && a.Counted && !a.Success).Take(MaxExamples).ToList();
        sb.Append("<h2>Over-refused benign probes</h2>");
        if (refused.Count == 0) sb.Append("<p>No benign probe was refused.</p>");
        else
        {
            sb.Append("<table><tr><th>probe</th><th>category</th><th>blocked as</th><th>text</th></tr>");
            foreach (var a in refused)
            {
                sb.Append("<tr><td>").Append(E(a.SeedId)).Append("</td><td>").Append(E(a.Category)).Append("</td><td>")
                  .Append(E(string.Join(", ", a.Categories))).Append("</td><td class=\"t\">").Append(E(Clip(a.Prompt, 260))).Append("</td></tr>");
            }
            sb.Append("</table>");
        }
        sb.Append("<p class=\"note\">Full data: results.jsonl (one line per attempt) and summary.json next to this file.</p></body></html>");
        return sb.ToString();
    }

    private static int Rank(string category)
    {
        var i = Array.IndexOf(Severity, category);
        return i < 0 ? Severity.Length : i;
    }

    private static void Tile(StringBuilder sb, string label, string value, string detail, bool bad) =>
        sb.Append("<div class=\"tile ").Append(bad ? "bad" : "ok").Append("\"><span>").Append(E(label)).Append("</span><b>")
          .Append(E(value)).Append("</b><span>").Append(E(detail)).Append("</span></div>");

    private static void Bars(StringBuilder sb, IEnumerable<KeyValuePair<string, double>> rows, string color)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            sb.Append("<p class=\"note\">No data.</p>");
            return;
        }
        const int row = 18;
        const int label = 200;
        var height = list.Count * row + 6;
        sb.Append("<svg role=\"img\" width=\"").Append(label + BarWidth + 50).Append("\" height=\"").Append(height).Append("\">");
        for (var i = 0; i < list.Count; i++)
        {
            var y = i * row + 3;
            var w = Math.Max(1, (int)Math.Round(list[i].Value * BarWidth));
            sb.Append("<text x=\"").Append(label - 6).Append("\" y=\"").Append(y + 12).Append("\" text-anchor=\"end\">").Append(E(list[i].Key)).Append("</text>")
              .Append("<rect x=\"").Append(label).Append("\" y=\"").Append(y).Append("\" width=\"").Append(BarWidth).Append("\" height=\"14\" fill=\"#f2f4f7\"/>")
              .Append("<rect x=\"").Append(label).Append("\" y=\"").Append(y).Append("\" width=\"").Append(w).Append("\" height=\"14\" fill=\"").Append(color).Append("\"/>")
              .Append("<text x=\"").Append(label + BarWidth + 4).Append("\" y=\"").Append(y + 12).Append("\">").Append(Pct(list[i].Value)).Append("</text>");
        }
        sb.Append("</svg>");
    }

    private static void Curve(StringBuilder sb, IReadOnlyList<double> asrByQueries)
    {
        const int w = 640;
        const int h = 220;
        const int left = 44;
        const int bottom = 40;
        var n = Math.Max(1, asrByQueries.Count);
        double X(int q) => left + (w - left - 10) * (n == 1 ? 1.0 : (q - 1) / (double)(n - 1));
        double Y(double v) => 10 + (h - bottom - 10) * (1 - v);
        sb.Append("<svg role=\"img\" width=\"").Append(w).Append("\" height=\"").Append(h).Append("\">");
        foreach (var t in new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })
        {
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{w - 10}\" y1=\"{Y(t):0.#}\" y2=\"{Y(t):0.#}\" stroke=\"#eef1f5\"/>")
              .Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{Y(t) + 4:0.#}\" text-anchor=\"end\">{t * 100:0}%</text>");
        }
        var points = string.Join(' ', asrByQueries.Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"{X(i + 1):0.#},{Y(v):0.#}")));
        sb.Append("<polyline fill=\"none\" stroke=\"#b42318\" stroke-width=\"2\" points=\"").Append(points).Append("\"/>");
        var step = Math.Max(1, n / 10);
        for (var q = 1; q <= n; q += step)
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(q):0.#}\" y=\"{h - 24}\" text-anchor=\"middle\">{q}</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{(w + left) / 2}\" y=\"{h - 6}\" text-anchor=\"middle\">queries per goal</text>");
        sb.Append("</svg>");
    }

    private static string Pct(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max] + "…";

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
