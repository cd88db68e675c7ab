using System.Collections.Concurrent;
using Bulwark.Detection.Semantic;

namespace Bulwark.Detection.Tests.Semantic;

/// <summary>
/// A fake encoder for batching tests: every call reports itself on <see cref="Entered"/>, then waits for a permit on
/// <see cref="Permits"/>; it records each call's texts and returns rows derived from the text (<see cref="RowOf"/>).
/// Calls whose 1-based number is in <see cref="FailingCalls"/> throw <see cref="EncoderFailure"/>.
/// </summary>
internal sealed class GatedEmbedder : ISentenceEmbedder
{
    public const string EncoderFailure = "encoder failed";
    private int _calls;

    public SemaphoreSlim Entered { get; } = new(0);

    public SemaphoreSlim Permits { get; } = new(0);

    public ConcurrentQueue<string[]> Batches { get; } = new();

    public HashSet<int> FailingCalls { get; } = [];

    public string Name => "gated";

    public int Dimension => 4;

    public static float[] RowOf(string text) => [text.Length, text[0], text[^1], text.GetHashCode(StringComparison.Ordinal)];

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        Batches.Enqueue([.. texts]);
        Entered.Release();
        Permits.Wait(CancellationToken.None);
        if (FailingCalls.Contains(call)) throw new InvalidOperationException(EncoderFailure);
        return [.. texts.Select(RowOf)];
    }
}
