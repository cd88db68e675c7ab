using System.Runtime.ExceptionServices;

namespace Bulwark.Detection.Semantic;

/// <summary>
/// Coalesces <see cref="Embed"/> calls that arrive concurrently (from different requests) into one call of the inner
/// encoder, without a timer: a caller that finds no batch running encodes at once, and callers that arrive while a batch
/// runs queue up; when that batch ends, the first queued caller leads the next batch and takes every request queued
/// behind it, up to <see cref="MaxBatchTexts"/> texts (a request is never split, so one larger request goes alone).
/// Each caller gets exactly its own rows. A caller's cancellation only withdraws that caller: a batch of several
/// callers runs to its end (its cost is bounded by <see cref="MaxBatchTexts"/>), a batch of one gets the caller's token.
/// An encoder failure, or a wrong number of rows, reaches every caller of that batch (the guard fails closed); later
/// batches are unaffected. Requests with a text longer than <see cref="MaxBatchedCharacters"/> skip the queue and call the
/// encoder themselves: on CPU a batch runs as one ONNX call on the session's threads, which pays for short texts (per-call
/// overhead dominates) but not for long ones (bench/README.md: eight concurrent 100-character scans 1.7x faster batched,
/// eight 1 KB scans 1.5x slower, on a shared 2-core machine).
/// </summary>
public sealed class BatchingSentenceEmbedder : ISentenceEmbedder
{
    private readonly Lock _gate = new();
    private readonly LinkedList<BatchRequest> _queue = new();
    private bool _leading;

    /// <summary>Longest text (characters) whose request is batched; longer ones go straight to the encoder.</summary>
    public const int MaxBatchedCharacters = 256;

    public BatchingSentenceEmbedder(ISentenceEmbedder inner, int maxBatchTexts)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchTexts, 1);
        Inner = inner;
        MaxBatchTexts = maxBatchTexts;
    }

    /// <summary>The encoder the batches go to.</summary>
    public ISentenceEmbedder Inner { get; }

    /// <summary>Most texts in one encoder call (unless a single request has more).</summary>
    public int MaxBatchTexts { get; }

    public string Name => Inner.Name;

    /// <summary>Requests waiting for a batch (not the one running); for tests.</summary>
    internal int QueuedRequests
    {
        get
        {
            lock (_gate) return _queue.Count;
        }
    }

    public int Dimension => Inner.Dimension;

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        cancellationToken.ThrowIfCancellationRequested();
        if (texts.Count == 0) return [];
        if (texts.Any(t => t.Length > MaxBatchedCharacters)) return Inner.Embed(texts, cancellationToken);

        var own = new BatchRequest(texts, cancellationToken);
        bool lead;
        lock (_gate)
        {
            own.Node = _queue.AddLast(own);
            lead = !_leading;
            _leading = true;
        }

        if (!lead && !WaitForTurn(own)) return own.Outcome();
        while (!own.IsDone) RunOneBatch();
        HandOff();
        return own.Outcome();
    }

    /// <summary>Waits until the caller is made leader (true) or its request is answered (false).</summary>
    private bool WaitForTurn(BatchRequest own)
    {
        try
        {
            own.Signal.Task.Wait(own.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            Withdraw(own);
            throw;
        }

        return !own.IsDone;
    }

    /// <summary>A cancelled caller leaves the queue; if it had just been made leader, the next caller leads instead.</summary>
    private void Withdraw(BatchRequest own)
    {
        lock (_gate)
        {
            if (own.Node?.List is not null) _queue.Remove(own.Node);
            if (!own.IsLeader) return;
            own.IsLeader = false;
            HandOffLocked();
        }
    }

    private void RunOneBatch()
    {
        var batch = TakeBatch();
        if (batch.Count == 0) return;
        var texts = new List<string>();
        foreach (var request in batch) texts.AddRange(request.Texts);

        float[][] rows;
        try
        {
            rows = Inner.Embed(texts, batch.Count == 1 ? batch[0].CancellationToken : CancellationToken.None);
            if (rows is null || rows.Length != texts.Count)
                throw new InvalidOperationException($"the encoder '{Inner.Name}' returned {rows?.Length ?? 0} rows for {texts.Count} texts");
        }
        catch (Exception e) // every exception of the encoder goes to each caller of the batch, which rethrows it
        {
            var failure = ExceptionDispatchInfo.Capture(e);
            foreach (var request in batch) request.Fail(failure);
            return;
        }

        var start = 0;
        foreach (var request in batch)
        {
            request.Answer(rows[start..(start + request.Texts.Count)]);
            start += request.Texts.Count;
        }
    }

    /// <summary>Takes requests from the head of the queue, up to the text budget; cancelled ones are answered as cancelled.</summary>
    private List<BatchRequest> TakeBatch()
    {
        var batch = new List<BatchRequest>();
        var count = 0;
        lock (_gate)
        {
            while (_queue.First is { } node)
            {
                var request = node.Value;
                if (request.CancellationToken.IsCancellationRequested)
                {
                    _queue.RemoveFirst();
                    request.Cancel();
                    continue;
                }

                if (batch.Count > 0 && count + request.Texts.Count > MaxBatchTexts) break;
                _queue.RemoveFirst();
                batch.Add(request);
                count += request.Texts.Count;
            }
        }

        return batch;
    }

    private void HandOff()
    {
        lock (_gate) HandOffLocked();
    }

    /// <summary>Makes the first queued caller the next leader, or ends leading when nobody waits.</summary>
    private void HandOffLocked()
    {
        if (_queue.First is { } next)
        {
            next.Value.IsLeader = true;
            next.Value.Signal.TrySetResult();
        }
        else
        {
            _leading = false;
        }
    }
}
