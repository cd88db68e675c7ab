using System.Runtime.ExceptionServices;

namespace Bulwark.Detection.Semantic;

/// <summary>One caller's texts waiting in a <see cref="BatchingSentenceEmbedder"/>, and how it was answered.</summary>
internal sealed class BatchRequest(IReadOnlyList<string> texts, CancellationToken cancellationToken)
{
    private float[][]? _rows;
    private ExceptionDispatchInfo? _failure;
    private bool _cancelled;

    public IReadOnlyList<string> Texts { get; } = texts;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Completed when the request is answered or its caller is made leader.</summary>
    public TaskCompletionSource Signal { get; } = new();

    public LinkedListNode<BatchRequest>? Node { get; set; }

    /// <summary>Set under the embedder's lock when the caller is to lead the next batch.</summary>
    public bool IsLeader { get; set; }

    public bool IsDone => Volatile.Read(ref _rows) is not null || Volatile.Read(ref _failure) is not null || Volatile.Read(ref _cancelled);

    public void Answer(float[][] rows)
    {
        Volatile.Write(ref _rows, rows);
        Signal.TrySetResult();
    }

    public void Fail(ExceptionDispatchInfo failure)
    {
        Volatile.Write(ref _failure, failure);
        Signal.TrySetResult();
    }

    public void Cancel()
    {
        Volatile.Write(ref _cancelled, true);
        Signal.TrySetResult();
    }

    /// <summary>The caller's rows, or the batch's failure, or the caller's cancellation, thrown.</summary>
    public float[][] Outcome()
    {
        _failure?.Throw();
        CancellationToken.ThrowIfCancellationRequested();
        return _rows ?? throw new InvalidOperationException("the batch ended without answering this request");
    }
}
