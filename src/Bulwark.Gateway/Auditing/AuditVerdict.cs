using Bulwark.Core.Guards;

namespace Bulwark.Gateway.Auditing;

/// <summary>A verdict as recorded in the audit log: no text, only decisions, scores and timings.</summary>
public sealed record AuditVerdict(
    string Action,
    double Score,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> RuleIds,
    IReadOnlyList<AuditGuard> Guards)
{
    private const string PiiNotePrefix = "pii.";

    /// <summary>Personal data and secrets found, as counts by type (from the PII guard's notes); never the values.</summary>
    public IReadOnlyDictionary<string, int> Pii { get; init; } = new Dictionary<string, int>();

    public static AuditVerdict From(Verdict v) => new(
        v.Action.ToString().ToLowerInvariant(),
        Math.Round(v.Score, 4),
        v.Categories,
        v.RuleIds,
        v.Guards.Select(g => new AuditGuard(g.Name, g.Action.ToString().ToLowerInvariant(), Math.Round(g.Score, 4), g.Categories, g.Error)).ToArray())
    {
        Pii = PiiCounts(v.Notes),
    };

    private static Dictionary<string, int> PiiCounts(IReadOnlyList<string> notes)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var note in notes)
        {
            if (!note.StartsWith(PiiNotePrefix, StringComparison.Ordinal)) continue;
            var eq = note.IndexOf('=', StringComparison.Ordinal);
            if (eq > PiiNotePrefix.Length && int.TryParse(note.AsSpan(eq + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                counts[note[PiiNotePrefix.Length..eq]] = n;
        }
        return counts;
    }
}
