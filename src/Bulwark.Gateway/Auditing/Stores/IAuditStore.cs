using Bulwark.Audit.Tree;

namespace Bulwark.Gateway.Auditing.Stores;

/// <summary>
/// Durable storage of the audit log: leaves (index, record bytes, leaf hash), the perfect-subtree hash cache used for
/// proofs and tiles, signed checkpoints, and the optional encrypted content table (outside the tree). Appends are
/// sequenced: one batch is one transaction and gets the next contiguous indices, even with several processes sharing
/// the database.
/// </summary>
public interface IAuditStore : IHashReader, IAsyncDisposable
{
    string Name { get; }

    /// <summary>Creates or upgrades the schema. Idempotent; safe to call from several processes.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Appends the records in one transaction and returns the index of the first; the rest follow contiguously.</summary>
    Task<long> AppendAsync(IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken);

    Task<long> GetSizeAsync(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="count"/> stored leaves with index at or above <paramref name="from"/>, in index order.</summary>
    Task<IReadOnlyList<AuditLeaf>> ReadLeavesAsync(long from, int count, CancellationToken cancellationToken);

    /// <summary>Stored hashes of level <paramref name="level"/> nodes with indices [start, start+count) that exist, in order.</summary>
    Task<IReadOnlyList<byte[]>> ReadLevelAsync(int level, long start, int count, CancellationToken cancellationToken);

    Task AddCheckpointAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken);

    Task<StoredCheckpoint?> GetLatestCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>All checkpoints in the order they were stored.</summary>
    Task<IReadOnlyList<StoredCheckpoint>> ListCheckpointsAsync(CancellationToken cancellationToken);

    Task PutContentAsync(long index, string part, byte[] sealedContent, DateTimeOffset time, CancellationToken cancellationToken);

    Task<byte[]?> GetContentAsync(long index, string part, CancellationToken cancellationToken);

    /// <summary>Deletes content stored before <paramref name="olderThan"/>; returns how many items were purged. Never touches the tree.</summary>
    Task<int> PurgeContentAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}
