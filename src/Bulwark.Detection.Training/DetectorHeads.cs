using Bulwark.Core.Guards;

namespace Bulwark.Detection.Training;

/// <summary>Head layout of the shipped models.</summary>
public static class DetectorHeads
{
    /// <summary>Input n-gram heads.</summary>
    public static readonly IReadOnlyList<string> Input = [Categories.Jailbreak, Categories.PromptInjection, Categories.PromptExtraction, Categories.Harmful];

    /// <summary>Output n-gram heads.</summary>
    public static readonly IReadOnlyList<string> Output = [Categories.HarmfulOutput];

    /// <summary>Targets of one prompt row for the <see cref="Input"/> heads (NaN = head ignores the row).</summary>
    public static float[] InputTargets(CorpusRow row)
    {
        var t = new float[Input.Count];
        if (row.IsBenign) return t;
        if (row.IsHarmfulRequest)
        {
            t[3] = 1f;
            return t;
        }
        t.AsSpan().Fill(float.NaN);
        var cat = CategoryMapping.AttackCategory(row);
        t[cat == Categories.Jailbreak ? 0 : cat == Categories.PromptInjection ? 1 : 2] = 1f;
        return t;
    }
}
