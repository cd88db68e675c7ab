using Bulwark.Detection.NGram;
using Bulwark.Detection.Semantic;

namespace Bulwark.Detection.Guards;

/// <summary>
/// Chooses which windows of a request's unsure texts the encoder sees, within a fixed per-request budget, so that the
/// semantic stage costs at most <c>budget</c> short encoder passes however long or numerous the texts are. Texts are
/// served in order of their highest n-gram score; every text first gets its single best window (the whole text when
/// it is short, else the candidate window with the highest n-gram score), then the remaining budget goes round-robin
/// to the next-best windows. Texts left without a window keep their n-gram score alone.
/// </summary>
internal static class SemanticBudget
{
    /// <summary>The chosen windows and, per window, the index of the text (in <paramref name="texts"/>) it belongs to.</summary>
    public static (List<string> Windows, List<int> Owner) Plan(IReadOnlyList<ScoredText> texts, HashedNGramModel model, int budget)
    {
        var windows = new List<string>();
        var owner = new List<int>();
        if (budget <= 0 || texts.Count == 0) return (windows, owner);
        var order = Enumerable.Range(0, texts.Count).OrderByDescending(i => Max(texts[i].NGram)).ToArray();
        var ranked = new List<(int Start, int Length)>[texts.Count];
        var taken = new int[texts.Count];
        var heads = model.Heads.Count;
        Span<float> scores = stackalloc float[heads];
        foreach (var i in order)
        {
            if (windows.Count >= budget) break;
            ranked[i] = Rank(texts[i].Text, model, scores);
            Take(i);
        }
        var progress = true;
        while (windows.Count < budget && progress)
        {
            progress = false;
            foreach (var i in order)
            {
                if (windows.Count >= budget) break;
                if (ranked[i] is null || taken[i] >= ranked[i].Count || taken[i] >= SemanticWindows.MaxWindows) continue;
                Take(i);
                progress = true;
            }
        }
        return (windows, owner);

        void Take(int i)
        {
            var (start, length) = ranked[i][taken[i]++];
            windows.Add(texts[i].Text.Substring(start, length));
            owner.Add(i);
        }
    }

    private static List<(int Start, int Length)> Rank(string text, HashedNGramModel model, Span<float> scores)
    {
        var candidates = SemanticWindows.Candidates(text);
        if (candidates.Length == 1) return [.. candidates];
        var scored = new (float Score, int Index)[candidates.Length];
        for (var k = 0; k < candidates.Length; k++)
        {
            model.Score(text.AsSpan(candidates[k].Start, candidates[k].Length), scores);
            scored[k] = (Max(scores), k);
        }
        // Highest n-gram score first; ties keep text order (the first window wins a tie).
        return scored.OrderByDescending(s => s.Score).ThenBy(s => s.Index).Select(s => candidates[s.Index]).ToList();
    }

    private static float Max(ReadOnlySpan<float> scores)
    {
        var m = 0f;
        foreach (var s in scores) if (s > m) m = s;
        return m;
    }
}
