using Bulwark.Detection.Semantic;

namespace Bulwark.Testing.Detection;

/// <summary>A deterministic toy embedder: dimension 0 is "contains 'attack'", 1 is "contains 'cake'", the rest a hash.</summary>
public sealed class FakeEmbedder : ISentenceEmbedder
{
    public int Calls;
    public int Texts;

    public string Name => "fake";

    public int Dimension => 384;

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        Interlocked.Add(ref Texts, texts.Count);
        return texts.Select(t =>
        {
            var v = new float[Dimension];
            v[0] = t.Contains("attack", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
            v[1] = t.Contains("cake", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
            v[2 + (Math.Abs(t.Length) % 6)] = 0.5f;
            return v;
        }).ToArray();
    }
}
