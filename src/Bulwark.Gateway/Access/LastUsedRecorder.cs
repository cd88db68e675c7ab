using System.Collections.Concurrent;
using Bulwark.Gateway.Access.Stores;

namespace Bulwark.Gateway.Access;

/// <summary>Collects last-used times on the hot path (one dictionary write) and flushes them to the store in batches.</summary>
public sealed class LastUsedRecorder
{
    private ConcurrentDictionary<string, DateTimeOffset> _pending = new(StringComparer.Ordinal);

    public void Record(string keyId, DateTimeOffset at) => _pending[keyId] = at;

    public int PendingCount => _pending.Count;

    public async Task FlushAsync(IAccessStore store, CancellationToken cancellationToken)
    {
        if (_pending.IsEmpty) return;
        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal));
        try
        {
            await store.TouchKeysAsync(batch.ToArray(), cancellationToken);
        }
        catch
        {
            // Put the batch back (newer times win) so nothing is lost while the store is away.
            foreach (var (k, v) in batch) _pending.AddOrUpdate(k, v, (_, existing) => existing > v ? existing : v);
            throw;
        }
    }
}
