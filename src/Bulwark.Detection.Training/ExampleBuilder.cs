using Bulwark.Detection.NGram;
using Bulwark.Detection.Training.NGram;

namespace Bulwark.Detection.Training;

/// <summary>Turns corpus rows into n-gram training examples: the first window, plus the last window of longer texts.</summary>
public static class ExampleBuilder
{
    public static IEnumerable<TrainingExample> Windows(string text, float[] targets, float weight)
    {
        var w = HashedNGramModel.WindowCharacters;
        if (text.Length <= w)
        {
            yield return new TrainingExample(text, targets, weight);
            yield break;
        }
        yield return new TrainingExample(text[..w], targets, weight * 0.5f);
        yield return new TrainingExample(text[^w..], targets, weight * 0.5f);
    }

    /// <summary>Per-source weights: 1, or cap/count for sources larger than the cap.</summary>
    public static Dictionary<string, float> SourceWeights(IEnumerable<string> sources, int cap)
    {
        var counts = sources.GroupBy(s => s, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return counts.ToDictionary(kv => kv.Key, kv => kv.Value > cap ? (float)cap / kv.Value : 1f, StringComparer.Ordinal);
    }

    /// <summary>A stable fold for a row (independent of order): FNV of source and id.</summary>
    public static int Fold(string source, string id, int folds)
    {
        var h = 2166136261u;
        foreach (var c in source) h = (h ^ c) * 16777619u;
        h = (h ^ '/') * 16777619u;
        foreach (var c in id) h = (h ^ c) * 16777619u;
        return (int)(h % (uint)folds);
    }
}
