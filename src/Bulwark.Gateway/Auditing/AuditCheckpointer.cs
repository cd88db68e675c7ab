using Bulwark.Audit.Notes;
using Bulwark.Audit.Tree;
using Bulwark.Gateway.Auditing.Stores;
using Bulwark.Gateway.Auditing.Witnesses;
using Microsoft.Extensions.Logging;

namespace Bulwark.Gateway.Auditing;

/// <summary>
/// Signs C2SP checkpoints of the audit log: every <c>CheckpointInterval</c>, every <c>CheckpointEvery</c> records,
/// and on demand. A checkpoint is only signed when the tree has grown since the last one (or none exists yet).
/// With witnesses configured, each new checkpoint is sent to them and stored with their cosignatures; with a quorum,
/// a checkpoint that fewer witnesses cosigned is not published (<see cref="WitnessQuorumException"/>).
/// </summary>
public sealed class AuditCheckpointer : IDisposable
{
    private readonly IAuditStore _store;
    private readonly NoteSigner _signer;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditCheckpointer> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly TimeSpan _interval;
    private readonly int _every;
    private readonly CheckpointCosigner? _cosigner;
    private long _lastSize = -1;

    public AuditCheckpointer(IAuditStore store, NoteSigner signer, string origin, TimeSpan interval, int every, TimeProvider time, ILogger<AuditCheckpointer> logger, CheckpointCosigner? cosigner = null)
    {
        _cosigner = cosigner;
        if (string.IsNullOrEmpty(origin) || origin.Contains('\n')) throw new ArgumentException("audit origin must be one non-empty line", nameof(origin));
        _store = store;
        _signer = signer;
        Origin = origin;
        _interval = interval > TimeSpan.Zero ? interval : TimeSpan.FromSeconds(10);
        _every = every > 0 ? every : int.MaxValue;
        _time = time;
        _logger = logger;
    }

    public string Origin { get; }

    public string VerifierKey => _signer.VerifierKey;

    /// <summary>The witnesses asked to cosign, or null when none are configured.</summary>
    public CheckpointCosigner? Cosigner => _cosigner;

    /// <summary>Signs a checkpoint of the current tree now, unless the latest one already covers it; returns the latest.</summary>
    public async Task<StoredCheckpoint> CheckpointAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var size = await _store.GetSizeAsync(cancellationToken).ConfigureAwait(false);
            var latest = await _store.GetLatestCheckpointAsync(cancellationToken).ConfigureAwait(false);
            if (latest is not null && latest.Size >= size)
            {
                _lastSize = latest.Size;
                return latest;
            }
            var root = await ProofBuilder.RootAsync(_store, size, cancellationToken).ConfigureAwait(false);
            var checkpoint = new Checkpoint(Origin, size, root);
            var note = checkpoint.Sign(_signer);
            if (_cosigner is not null)
            {
                var (cosigned, count) = await _cosigner.CosignAsync(checkpoint, note, _store, cancellationToken).ConfigureAwait(false);
                if (count < _cosigner.Quorum)
                    throw new WitnessQuorumException($"checkpoint {size} has {count} witness cosignatures, fewer than the quorum of {_cosigner.Quorum}; it was not published");
                note = cosigned;
            }
            var stored = new StoredCheckpoint(size, note, _time.GetUtcNow());
            await _store.AddCheckpointAsync(stored, cancellationToken).ConfigureAwait(false);
            _lastSize = size;
            return stored;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Called by the appender after a commit; wakes the loop once <c>CheckpointEvery</c> records have accrued.</summary>
    public void NotifyAppended(long size)
    {
        var last = Interlocked.Read(ref _lastSize);
        if (size - Math.Max(0, last) >= _every && _wake.CurrentCount == 0)
        {
            try { _wake.Release(); } catch (SemaphoreFullException) { }
        }
    }

    /// <summary>The periodic loop; returns when <paramref name="stoppingToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var delay = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var timer = Task.Delay(_interval, _time, delay.Token);
                var woken = _wake.WaitAsync(delay.Token);
                await Task.WhenAny(timer, woken).ConfigureAwait(false);
                await delay.CancelAsync().ConfigureAwait(false);
                if (stoppingToken.IsCancellationRequested) break;
                await CheckpointAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "audit checkpoint failed; retrying at the next interval");
            }
        }
    }

    public void Dispose()
    {
        _gate.Dispose();
        _wake.Dispose();
    }
}
