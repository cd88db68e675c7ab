using Bulwark.Core.Guards;

namespace Bulwark.Detection.Training;

/// <summary>Head layout and targets of the semantic heads: the input heads plus one head per harm category.</summary>
public static class SemanticTargets
{
    public static IReadOnlyList<string> Heads(IEnumerable<CorpusRow> rows, int minimumPositives = 30)
    {
        var counts = rows.Where(r => r.IsHarmfulRequest && !CategoryMapping.IsCopyrightOnly(r))
            .GroupBy(CategoryMapping.HarmCategory).ToDictionary(g => g.Key, g => g.Count());
        var harms = Categories.Harms.Where(c => c != Categories.Harmful && counts.GetValueOrDefault(c) >= minimumPositives);
        return [.. DetectorHeads.Input, .. harms];
    }

    public static float[] For(CorpusRow row, IReadOnlyList<string> heads)
    {
        var t = new float[heads.Count];
        var input = DetectorHeads.InputTargets(row);
        Array.Copy(input, t, input.Length);
        var harm = row.IsHarmfulRequest ? CategoryMapping.HarmCategory(row) : null;
        for (var k = input.Length; k < heads.Count; k++)
        {
            if (row.IsBenign) t[k] = 0f;
            else if (!row.IsHarmfulRequest || harm == Categories.Harmful) t[k] = float.NaN;
            else t[k] = harm == heads[k] ? 1f : 0f;
        }
        return t;
    }
}
