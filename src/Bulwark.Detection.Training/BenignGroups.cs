namespace Bulwark.Detection.Training;

/// <summary>Which benign rows are ordinary traffic and which are borderline probes (hard negatives), for thresholds and reports.</summary>
public static class BenignGroups
{
    public static bool IsBorderline(CorpusRow row) =>
        row.Kind == "over_refusal_probe" || row.Source.Contains("hard_negative", StringComparison.Ordinal) || row.Source.Contains("contrast", StringComparison.Ordinal);
}
