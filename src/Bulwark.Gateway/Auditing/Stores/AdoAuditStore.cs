using System.Data.Common;
using Bulwark.Audit.Hashing;
using Bulwark.Audit.Tree;

namespace Bulwark.Gateway.Auditing.Stores;

/// <summary>
/// The SQL shared by the SQLite and PostgreSQL audit stores. Each append takes the store's sequencer lock inside its
/// transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped advisory lock), re-reads the size, and
/// extends the cached compact range; the cache is only replaced after the commit succeeds. Appends reuse one open
/// connection (replaced after any failure), so a batch costs its statements and its commit, not a connection set-up.
/// </summary>
public abstract class AdoAuditStore : IAuditStore
{
    private readonly SemaphoreSlim _appendGate = new(1, 1);
    private CompactRange _range = new();
    private bool _rangeLoaded;
    private DbConnection? _appendConnection;
    private int _disposed;

    public abstract string Name { get; }

    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Opens the connection appends keep using; by default the same as <see cref="OpenAsync"/>.</summary>
    protected virtual ValueTask<DbConnection> OpenAppendConnectionAsync(CancellationToken cancellationToken) => OpenAsync(cancellationToken);

    /// <summary>Called after each committed append (under the append lock) with the number of records it committed.</summary>
    protected virtual void OnAppended(int records)
    {
    }

    /// <summary>Begins the append transaction holding the sequencer lock.</summary>
    protected abstract ValueTask<DbTransaction> BeginSequencedAsync(DbConnection connection, CancellationToken cancellationToken);

    protected abstract IReadOnlyList<string> SchemaStatements { get; }

    protected abstract ValueTask RunMigrationAsync(DbConnection connection, IReadOnlyList<string> statements, CancellationToken cancellationToken);

    protected abstract ValueTask InsertAsync(DbConnection connection, DbTransaction transaction, long first, IReadOnlyList<ReadOnlyMemory<byte>> records,
        IReadOnlyList<byte[]> leafHashes, IReadOnlyList<(NodeId Id, byte[] Hash)> nodes, CancellationToken cancellationToken);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await RunMigrationAsync(conn, SchemaStatements, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> AppendAsync(IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0) throw new ArgumentException("nothing to append", nameof(records));
        var leafHashes = new byte[records.Count][];
        for (var i = 0; i < records.Count; i++) leafHashes[i] = MerkleHash.Leaf(records[i].Span);

        await _appendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var conn = _appendConnection ??= await OpenAppendConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var tx = await BeginSequencedAsync(conn, cancellationToken).ConfigureAwait(false);
            var size = await ScalarLongAsync(conn, tx, "SELECT COALESCE(MAX(idx) + 1, 0) FROM audit_leaves", cancellationToken).ConfigureAwait(false);
            var range = _rangeLoaded && _range.Size == size
                ? _range.Clone()
                : await CompactRange.LoadAsync(new TransactionReader(this, conn, tx), size, cancellationToken).ConfigureAwait(false);
            var nodes = new List<(NodeId, byte[])>(records.Count * 2 + 8);
            foreach (var h in leafHashes) range.Append(h, (id, hash) => nodes.Add((id, hash)));
            await InsertAsync(conn, tx, size, records, leafHashes, nodes, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            _range = range;
            _rangeLoaded = true;
            OnAppended(records.Count);
            return size;
        }
        catch
        {
            _rangeLoaded = false;
            await DropAppendConnectionAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _appendGate.Release();
        }
    }

    public async Task<long> GetSizeAsync(CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ScalarLongAsync(conn, null, "SELECT COALESCE(MAX(idx) + 1, 0) FROM audit_leaves", cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditLeaf>> ReadLeavesAsync(long from, int count, CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT idx, data, leaf_hash FROM audit_leaves WHERE idx >= @from ORDER BY idx LIMIT @count";
        AddParameter(cmd, "@from", from);
        AddParameter(cmd, "@count", (long)count);
        var leaves = new List<AuditLeaf>(Math.Min(count, 10_000));
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            leaves.Add(new AuditLeaf(reader.GetInt64(0), (byte[])reader.GetValue(1), (byte[])reader.GetValue(2)));
        return leaves;
    }

    public async Task<IReadOnlyList<byte[]>> ReadLevelAsync(int level, long start, int count, CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT hash FROM audit_nodes WHERE lvl = @lvl AND idx >= @from AND idx < @to ORDER BY idx";
        AddParameter(cmd, "@lvl", level);
        AddParameter(cmd, "@from", start);
        AddParameter(cmd, "@to", start + count);
        var hashes = new List<byte[]>(count);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) hashes.Add((byte[])reader.GetValue(0));
        return hashes;
    }

    public async ValueTask<IReadOnlyList<byte[]>> ReadNodesAsync(IReadOnlyList<NodeId> ids, CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadNodesAsync(conn, null, ids, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<IReadOnlyList<byte[]>> ReadNodesAsync(DbConnection conn, DbTransaction? tx, IReadOnlyList<NodeId> ids, CancellationToken cancellationToken)
    {
        var found = new Dictionary<NodeId, byte[]>(ids.Count);
        const int Chunk = 200;
        for (var offset = 0; offset < ids.Count; offset += Chunk)
        {
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            var parts = new List<string>();
            for (var i = offset; i < Math.Min(ids.Count, offset + Chunk); i++)
            {
                parts.Add($"(lvl = @l{i} AND idx = @i{i})");
                AddParameter(cmd, $"@l{i}", ids[i].Level);
                AddParameter(cmd, $"@i{i}", ids[i].Index);
            }
            cmd.CommandText = "SELECT lvl, idx, hash FROM audit_nodes WHERE " + string.Join(" OR ", parts);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                found[new NodeId(reader.GetInt32(0), reader.GetInt64(1))] = (byte[])reader.GetValue(2);
        }
        var result = new byte[ids.Count][];
        for (var i = 0; i < ids.Count; i++)
        {
            if (!found.TryGetValue(ids[i], out var h))
                throw new InvalidOperationException($"audit tree node (level {ids[i].Level}, index {ids[i].Index}) is missing from the store");
            result[i] = h;
        }
        return result;
    }

    public async Task AddCheckpointAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "INSERT INTO audit_checkpoints (size, note, created_ms) VALUES (@size, @note, @time)";
        AddParameter(cmd, "@size", checkpoint.Size);
        AddParameter(cmd, "@note", checkpoint.Note);
        AddParameter(cmd, "@time", checkpoint.Time.ToUnixTimeMilliseconds());
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredCheckpoint?> GetLatestCheckpointAsync(CancellationToken cancellationToken)
    {
        var list = await QueryCheckpointsAsync("SELECT size, note, created_ms FROM audit_checkpoints ORDER BY id DESC LIMIT 1", cancellationToken).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    public Task<IReadOnlyList<StoredCheckpoint>> ListCheckpointsAsync(CancellationToken cancellationToken) =>
        QueryCheckpointsAsync("SELECT size, note, created_ms FROM audit_checkpoints ORDER BY id", cancellationToken);

    private async Task<IReadOnlyList<StoredCheckpoint>> QueryCheckpointsAsync(string sql, CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        var list = new List<StoredCheckpoint>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(new StoredCheckpoint(reader.GetInt64(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        return list;
    }

    public async Task PutContentAsync(long index, string part, byte[] sealedContent, DateTimeOffset time, CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "INSERT INTO audit_content (idx, part, sealed, created_ms) VALUES (@idx, @part, @sealed, @time) ON CONFLICT (idx, part) DO UPDATE SET sealed = excluded.sealed, created_ms = excluded.created_ms";
        AddParameter(cmd, "@idx", index);
        AddParameter(cmd, "@part", part);
        AddParameter(cmd, "@sealed", sealedContent);
        AddParameter(cmd, "@time", time.ToUnixTimeMilliseconds());
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<byte[]?> GetContentAsync(long index, string part, CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT sealed FROM audit_content WHERE idx = @idx AND part = @part";
        AddParameter(cmd, "@idx", index);
        AddParameter(cmd, "@part", part);
        var value = await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value as byte[];
    }

    public async Task<int> PurgeContentAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "DELETE FROM audit_content WHERE created_ms < @time";
        AddParameter(cmd, "@time", olderThan.ToUnixTimeMilliseconds());
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected static async Task<long> ScalarLongAsync(DbConnection conn, DbTransaction? tx, string sql, CancellationToken cancellationToken)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        var value = await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    protected static void AddParameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    private async ValueTask DropAppendConnectionAsync()
    {
        var conn = _appendConnection;
        _appendConnection = null;
        if (conn is not null) await conn.DisposeAsync().ConfigureAwait(false);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _appendGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await DropAppendConnectionAsync().ConfigureAwait(false);
        }
        finally
        {
            _appendGate.Release();
        }
        _appendGate.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed class TransactionReader(AdoAuditStore store, DbConnection conn, DbTransaction tx) : IHashReader
    {
        public ValueTask<IReadOnlyList<byte[]>> ReadNodesAsync(IReadOnlyList<NodeId> ids, CancellationToken cancellationToken)
        {
            _ = store;
            return AdoAuditStore.ReadNodesAsync(conn, tx, ids, cancellationToken);
        }
    }
}
