namespace Bulwark.Detection.Semantic;

/// <summary>
/// Scores texts with the semantic heads: one batched encoder call over bounded windows, maximum per head over the
/// windows of a text. Throws when the encoder yields a non-finite score (a fail-closed guard error, never a silent 0).
/// </summary>
public static class SemanticScorer
{
    /// <summary>Scores each text over its <see cref="SemanticWindows.Split"/> windows.</summary>
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
        return ScoreWindows(embedder, heads, windows, owner, texts.Count, cancellationToken).Select(r => r ?? new float[heads.Heads.Count]).ToArray();
    }

    /// <summary>
    /// Scores <paramref name="windows"/> in one encoder call; window j belongs to text <paramref name="owner"/>[j].
    /// A text without windows gets null.
    /// </summary>
    public static float[]?[] ScoreWindows(ISentenceEmbedder embedder, SemanticHeads heads, IReadOnlyList<string> windows, IReadOnlyList<int> owner,
        int textCount, CancellationToken cancellationToken)
    {
        var result = new float[]?[textCount];
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
            var r = result[owner[j]] ??= new float[heads.Heads.Count];
            for (var k = 0; k < r.Length; k++) if (s[k] > r[k]) r[k] = s[k];
        }
        return result;
    }
}
