namespace Bulwark.Detection.Training;

/// <summary>Chooses a decision threshold from negative scores: the smallest threshold whose false-positive rate is at most the target.</summary>
public static class ThresholdPicker
{
    public static float ForFpr(IReadOnlyList<float> negativeScores, double fprTarget, float floor = 0.05f, float ceiling = 0.97f)
    {
        if (negativeScores.Count == 0) return 0.5f;
        var sorted = negativeScores.OrderByDescending(s => s).ToArray();
        var allowed = (int)Math.Floor(fprTarget * sorted.Length);
        // Scores >= threshold are flagged; put the threshold just above the (allowed)-th highest negative.
        var t = allowed < sorted.Length ? sorted[allowed] + 1e-4f : 0f;
        return Math.Clamp(t, floor, ceiling);
    }
}
