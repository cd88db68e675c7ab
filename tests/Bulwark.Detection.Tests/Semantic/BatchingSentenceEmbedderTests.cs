using Bulwark.Detection.Semantic;

namespace Bulwark.Detection.Tests.Semantic;

public class BatchingSentenceEmbedderTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Embed_ConcurrentCallers_EachGetsExactlyItsOwnRowsInOneCoalescedBatch()
    {
        var inner = new GatedEmbedder();
        var batching = new BatchingSentenceEmbedder(inner, 16);
        var first = HoldFirstBatch(inner, batching, "first request");
        var callers = Enumerable.Range(0, 6).Select(i => Enumerable.Range(0, 1 + (i % 3)).Select(j => $"caller {i} window {j}").ToArray()).ToArray();
        var tasks = callers.Select(texts => Start(batching, texts)).ToArray();
        WaitQueued(batching, callers.Length);

        inner.Permits.Release(2);
        var results = await Task.WhenAll(tasks);

        AssertRows(["first request"], await first);
        for (var i = 0; i < callers.Length; i++) AssertRows(callers[i], results[i]);
        // Seven callers, two encoder calls: the first request alone, then everything that queued behind it.
        Assert.Equal([1, 12], inner.Batches.Select(b => b.Length));
    }

    [Fact]
    public async Task Embed_MoreQueuedTextsThanMaxBatch_SplitsIntoBatchesOfAtMostMax()
    {
        var inner = new GatedEmbedder();
        var batching = new BatchingSentenceEmbedder(inner, 4);
        var first = HoldFirstBatch(inner, batching, "first request");
        var callers = Enumerable.Range(0, 6).Select(i => new[] { $"caller {i}" }).ToArray();
        var tasks = callers.Select(texts => Start(batching, texts)).ToArray();
        WaitQueued(batching, callers.Length);

        inner.Permits.Release(3);
        var results = await Task.WhenAll(tasks);

        await first;
        for (var i = 0; i < callers.Length; i++) AssertRows(callers[i], results[i]);
        Assert.Equal([1, 4, 2], inner.Batches.Select(b => b.Length));
    }

    [Fact]
    public async Task Embed_RequestLargerThanMaxBatch_IsEncodedWholeInOneCall()
    {
        var inner = new GatedEmbedder();
        inner.Permits.Release();
        var texts = Enumerable.Range(0, 6).Select(i => $"window {i}").ToArray();

        var rows = await Start(new BatchingSentenceEmbedder(inner, 4), texts);

        AssertRows(texts, rows);
        Assert.Equal([6], inner.Batches.Select(b => b.Length));
    }

    [Fact]
    public async Task Embed_EncoderThrows_EveryCallerOfThatBatchGetsTheErrorAndLaterCallsWork()
    {
        var inner = new GatedEmbedder();
        inner.FailingCalls.Add(2);
        var batching = new BatchingSentenceEmbedder(inner, 16);
        var first = HoldFirstBatch(inner, batching, "first request");
        var tasks = Enumerable.Range(0, 3).Select(i => Start(batching, [$"caller {i}"])).ToArray();
        WaitQueued(batching, tasks.Length);

        inner.Permits.Release(2);

        AssertRows(["first request"], await first);
        foreach (var task in tasks)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => task);
            Assert.Equal(GatedEmbedder.EncoderFailure, error.Message);
        }

        inner.Permits.Release();
        AssertRows(["after the failure"], await Start(batching, ["after the failure"]));
        Assert.Equal([1, 3, 1], inner.Batches.Select(b => b.Length));
    }

    [Fact]
    public async Task Embed_QueuedCallerCancelled_ThrowsAndOthersGetTheirRows()
    {
        var inner = new GatedEmbedder();
        var batching = new BatchingSentenceEmbedder(inner, 16);
        var first = HoldFirstBatch(inner, batching, "first request");
        using var cancellation = new CancellationTokenSource();
        var a = Start(batching, ["caller a"]);
        var b = Start(batching, ["caller b"], cancellation.Token);
        var c = Start(batching, ["caller c"]);
        WaitQueued(batching, 3);

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => b);
        Assert.Equal(2, batching.QueuedRequests);
        inner.Permits.Release(2);

        await first;
        AssertRows(["caller a"], await a);
        AssertRows(["caller c"], await c);
        // The withdrawn caller's text never reached the encoder.
        Assert.Equal(["caller a", "caller c"], inner.Batches.Last().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Embed_CallerCancelledWhileItsBatchRuns_ThrowsAndTheOthersOfTheBatchGetTheirRows()
    {
        var inner = new GatedEmbedder();
        var batching = new BatchingSentenceEmbedder(inner, 16);
        var first = HoldFirstBatch(inner, batching, "first request");
        using var cancellation = new CancellationTokenSource();
        var a = Start(batching, ["caller a"], cancellation.Token);
        var b = Start(batching, ["caller b"], cancellation.Token);
        var c = Start(batching, ["caller c"]);
        WaitQueued(batching, 3);
        inner.Permits.Release();
        await first;
        Assert.True(await inner.Entered.WaitAsync(Patience));

        // The second batch (all three callers) is inside the encoder; two of its callers give up.
        await cancellation.CancelAsync();
        inner.Permits.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => b);
        AssertRows(["caller c"], await c);
        Assert.Equal([1, 3], inner.Batches.Select(batch => batch.Length));
    }

    [Fact]
    public async Task Embed_TextLongerThanMaxBatchedCharacters_CallsTheEncoderWithoutWaitingForTheRunningBatch()
    {
        var inner = new GatedEmbedder();
        var batching = new BatchingSentenceEmbedder(inner, 16);
        var first = HoldFirstBatch(inner, batching, "first request");
        var longText = new string('x', BatchingSentenceEmbedder.MaxBatchedCharacters + 1);

        var direct = Start(batching, [longText]);
        Assert.True(await inner.Entered.WaitAsync(Patience));
        Assert.Equal(0, batching.QueuedRequests);
        inner.Permits.Release(2);

        AssertRows([longText], await direct);
        AssertRows(["first request"], await first);
        Assert.Equal(2, inner.Batches.Count);
    }

    [Fact]
    public void Embed_NoTexts_ReturnsNoRowsWithoutCallingTheEncoder()
    {
        var inner = new GatedEmbedder();

        Assert.Empty(new BatchingSentenceEmbedder(inner, 16).Embed([], default));
        Assert.Empty(inner.Batches);
    }

    [Fact]
    public void Constructor_MaxBatchBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchingSentenceEmbedder(new GatedEmbedder(), 0));
    }

    /// <summary>Starts a caller whose batch runs alone and waits, inside the encoder, for the test to release a permit.</summary>
    private static Task<float[][]> HoldFirstBatch(GatedEmbedder inner, BatchingSentenceEmbedder batching, string text)
    {
        var first = Start(batching, [text]);
        Assert.True(inner.Entered.Wait(Patience));
        return first;
    }

    /// <summary>Each caller on its own thread, as requests are (Embed blocks its caller).</summary>
    private static Task<float[][]> Start(BatchingSentenceEmbedder batching, string[] texts, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(() => batching.Embed(texts, cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static void WaitQueued(BatchingSentenceEmbedder batching, int count) =>
        Assert.True(SpinWait.SpinUntil(() => batching.QueuedRequests == count, Patience), $"expected {count} queued requests");

    private static void AssertRows(string[] texts, float[][] rows)
    {
        Assert.Equal(texts.Length, rows.Length);
        for (var i = 0; i < texts.Length; i++) Assert.Equal(GatedEmbedder.RowOf(texts[i]), rows[i]);
    }
}
