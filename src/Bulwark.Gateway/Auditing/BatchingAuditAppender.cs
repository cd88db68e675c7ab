using System.Threading.Channels;
using Bulwark.Gateway.Auditing.Stores;
using Microsoft.Extensions.Logging;

namespace Bulwark.Gateway.Auditing;

/// <summary>
/// The gateway's <see cref="IAuditAppender"/> (group commit): callers enqueue into a bounded channel; one writer loop
/// takes everything queued (up to <c>MaxBatch</c> records), appends it in one transaction with one fsync, and completes
/// each caller's task with its index only after the commit. A failed commit faults those callers' tasks (the gateway
/// then fails closed). Stopping drains what is queued; appends after that fail.
/// The loop runs on the thread pool. A dedicated writer thread was measured and not kept: on the loaded 2-core
/// machine waking a blocked thread for every commit cost more at concurrency 1 than it saved at 32 (bench/README.md).
/// </summary>
public sealed class BatchingAuditAppender : IAuditAppender, IAsyncDisposable
{
    private readonly IAuditStore _store;
    private readonly AuditCheckpointer? _checkpointer;
    private readonly ILogger<BatchingAuditAppender> _logger;
    private readonly int _maxBatch;
    private readonly Channel<Pending> _channel;
    private readonly object _startLock = new();
    private Task? _loop;

    public BatchingAuditAppender(IAuditStore store, AuditOptions options, ILogger<BatchingAuditAppender> logger, AuditCheckpointer? checkpointer = null)
    {
        _store = store;
        _checkpointer = checkpointer;
        _logger = logger;
        _maxBatch = options.MaxBatch;
        _channel = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Records committed by this appender so far.</summary>
    public long Committed => Interlocked.Read(ref _committed);

    private long _committed;

    public async ValueTask<long> AppendAsync(ReadOnlyMemory<byte> record, CancellationToken cancellationToken)
    {
        if (record.IsEmpty) throw new ArgumentException("an audit record must not be empty", nameof(record));
        EnsureStarted();
        var pending = new Pending(record.ToArray(), new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_channel.Writer.TryWrite(pending))
        {
            try
            {
                await _channel.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException ex)
            {
                throw new InvalidOperationException("the audit log is shut down", ex);
            }
        }
        // Once queued, the record will be appended even if this caller gives up waiting.
        return await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the writer loop (also started by the first append).</summary>
    public void EnsureStarted()
    {
        if (_loop is not null) return;
        lock (_startLock)
        {
            _loop ??= Task.Run(WriterLoopAsync);
        }
    }

    /// <summary>Stops accepting records and waits until every queued record is committed or failed.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _channel.Writer.TryComplete();
        Task? loop;
        lock (_startLock) loop = _loop;
        if (loop is not null) await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriterLoopAsync()
    {
        var reader = _channel.Reader;
        var batch = new List<Pending>(_maxBatch);
        var records = new List<ReadOnlyMemory<byte>>(_maxBatch);
        var initialized = false;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            records.Clear();
            while (batch.Count < _maxBatch && reader.TryRead(out var p))
            {
                batch.Add(p);
                records.Add(p.Record);
            }
            if (batch.Count == 0) continue;
            try
            {
                if (!initialized)
                {
                    await _store.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
                    initialized = true;
                }
                var first = await _store.AppendAsync(records, CancellationToken.None).ConfigureAwait(false);
                Interlocked.Add(ref _committed, batch.Count);
                for (var i = 0; i < batch.Count; i++) batch[i].Completion.TrySetResult(first + i);
                _checkpointer?.NotifyAppended(first + batch.Count);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "audit append of {Count} records failed", batch.Count);
                var failure = new AuditAppendException("the audit record could not be made durable", ex);
                foreach (var p in batch) p.Completion.TrySetException(failure);
            }
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    private sealed record Pending(byte[] Record, TaskCompletionSource<long> Completion);
}
