using System.Threading.Channels;
using Bulwark.Gateway.Auditing.Stores;
using Microsoft.Extensions.Logging;

namespace Bulwark.Gateway.Auditing;

/// <summary>
/// The gateway's <see cref="IAuditAppender"/> (group commit): callers enqueue into a bounded channel; one writer takes
/// everything queued (up to <c>MaxBatch</c> records), appends it in one transaction with one fsync, and completes each
/// caller's task with its index only after the commit. A failed commit faults those callers' tasks (the gateway then
/// fails closed). Stopping drains what is queued; appends after that fail.
/// The writer runs on its own thread, not on the thread pool: the commit blocks in fsync (SQLite has no asynchronous
/// I/O), and under load a writer loop on the pool waited behind the very requests whose records it was to commit.
/// </summary>
public sealed class BatchingAuditAppender : IAuditAppender, IAsyncDisposable
{
    private readonly IAuditStore _store;
    private readonly AuditCheckpointer? _checkpointer;
    private readonly ILogger<BatchingAuditAppender> _logger;
    private readonly int _maxBatch;
    private readonly Channel<Pending> _channel;
    private readonly object _startLock = new();
    private readonly TaskCompletionSource _writerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Thread? _writer;

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

    /// <summary>Starts the writer thread (also started by the first append).</summary>
    public void EnsureStarted()
    {
        if (Volatile.Read(ref _writer) is not null) return;
        lock (_startLock)
        {
            if (_writer is not null) return;
            var writer = new Thread(RunWriter) { IsBackground = true, Name = WriterThreadName };
            writer.Start();
            Volatile.Write(ref _writer, writer);
        }
    }

    /// <summary>Name of the writer thread (seen in traces and dumps).</summary>
    public const string WriterThreadName = "bulwark-audit-writer";

    /// <summary>Stops accepting records and waits until every queued record is committed or failed.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _channel.Writer.TryComplete();
        if (Volatile.Read(ref _writer) is null) return;
        await _writerDone.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void RunWriter()
    {
        try
        {
            WriterLoop();
        }
        finally
        {
            _writerDone.TrySetResult();
        }
    }

    /// <summary>
    /// Blocks this dedicated thread on the channel and on the store. With SQLite every store call completes synchronously
    /// (so this thread does the I/O itself); with PostgreSQL this thread waits while Npgsql's I/O completes on the pool.
    /// </summary>
    private void WriterLoop()
    {
        var reader = _channel.Reader;
        var batch = new List<Pending>(_maxBatch);
        var records = new List<ReadOnlyMemory<byte>>(_maxBatch);
        var initialized = false;
        while (Wait(reader.WaitToReadAsync()))
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
                    _store.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
                    initialized = true;
                }
                var first = _store.AppendAsync(records, CancellationToken.None).GetAwaiter().GetResult();
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

    private static bool Wait(ValueTask<bool> pending) =>
        pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    private sealed record Pending(byte[] Record, TaskCompletionSource<long> Completion);
}
