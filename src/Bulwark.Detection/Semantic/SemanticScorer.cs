namespace Bulwark.Detection.Semantic;

/// <summary>
/// Scores texts with the semantic heads: bounded windows per text, one batched encoder call, maximum per head over
/// windows. Throws when the encoder yields a non-finite score (a fail-closed guard error, never a silent pass).
/// </summary>
public static class SemanticScorer
{
    public static float[][] Score(ISentenceEmbedder embedder, SemanticHeads heads, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var windows = new List<string>();
        var owner = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            foreach (var w in SemanticWindows.Split(texts[i]))
            {
                windows.Add(w);
                owner.Add(i);
            }
        }
        var result = new float[texts.Count][];
        for (var i = 0; i < texts.Count; i++) result[i] = new float[heads.Heads.Count];
        if (windows.Count == 0) return result;
        var vectors = embedder.Embed(windows, cancellationToken);
        Span<float> s = stackalloc float[heads.Heads.Count];
        for (var j = 0; j < vectors.Length; j++)
        {
            heads.Score(vectors[j], s);
            // A non-finite score would compare false against every threshold and silently pass: refuse it, so the
            // pipeline fails closed (OnGuardError) instead.
            foreach (var v in s)
            {
                if (!float.IsFinite(v)) throw new InvalidOperationException("the semantic stage produced a non-finite score");
            }
            var r = result[owner[j]];
            for (var k = 0; k < r.Length; k++) if (s[k] > r[k]) r[k] = s[k];
        }
        return result;
    }
}
