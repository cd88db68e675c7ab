using System.Data.Common;
using Bulwark.Audit.Tree;
using Npgsql;
using NpgsqlTypes;

namespace Bulwark.Gateway.Auditing.Stores;

/// <summary>
/// The audit log in PostgreSQL. Appends take a transaction-scoped advisory lock, so several gateway processes sharing
/// one database append through one sequence; rows are inserted with one UNNEST statement per table per batch.
/// </summary>
public sealed class PostgresAuditStore : AdoAuditStore
{
    /// <summary>Advisory lock key of the audit sequencer ("bulwark-audit").</summary>
    public const long SequencerLockKey = 0x42756c7761726b41;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresAuditStore(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public override string Name => "postgres";

    protected override IReadOnlyList<string> SchemaStatements { get; } =
    [
        "CREATE TABLE IF NOT EXISTS audit_leaves (idx BIGINT PRIMARY KEY, data BYTEA NOT NULL, leaf_hash BYTEA NOT NULL)",
        "CREATE TABLE IF NOT EXISTS audit_nodes (lvl INTEGER NOT NULL, idx BIGINT NOT NULL, hash BYTEA NOT NULL, PRIMARY KEY (lvl, idx))",
        "CREATE TABLE IF NOT EXISTS audit_checkpoints (id BIGSERIAL PRIMARY KEY, size BIGINT NOT NULL, note TEXT NOT NULL, created_ms BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS audit_content (idx BIGINT NOT NULL, part TEXT NOT NULL, sealed BYTEA NOT NULL, created_ms BIGINT NOT NULL, PRIMARY KEY (idx, part))",
        "CREATE INDEX IF NOT EXISTS audit_content_created ON audit_content (created_ms)",
    ];

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async ValueTask<DbTransaction> BeginSequencedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var tx = await ((NpgsqlConnection)connection).BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@k)", (NpgsqlConnection)connection, tx);
        cmd.Parameters.AddWithValue("k", SequencerLockKey);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return tx;
    }

    protected override async ValueTask RunMigrationAsync(DbConnection connection, IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        await using var tx = await BeginSequencedAsync(connection, cancellationToken).ConfigureAwait(false);
        foreach (var sql in statements)
        {
            await using var cmd = new NpgsqlCommand(sql, (NpgsqlConnection)connection, (NpgsqlTransaction)tx);
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async ValueTask InsertAsync(DbConnection connection, DbTransaction transaction, long first, IReadOnlyList<ReadOnlyMemory<byte>> records,
        IReadOnlyList<byte[]> leafHashes, IReadOnlyList<(NodeId Id, byte[] Hash)> nodes, CancellationToken cancellationToken)
    {
        var conn = (NpgsqlConnection)connection;
        var tx = (NpgsqlTransaction)transaction;
        var idx = new long[records.Count];
        var data = new byte[records.Count][];
        for (var i = 0; i < records.Count; i++)
        {
            idx[i] = first + i;
            data[i] = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(records[i], out var seg) && seg.Offset == 0 && seg.Count == seg.Array!.Length ? seg.Array : records[i].ToArray();
        }
        await using (var leaf = new NpgsqlCommand("INSERT INTO audit_leaves (idx, data, leaf_hash) SELECT * FROM UNNEST(@idx, @data, @hash)", conn, tx))
        {
            leaf.Parameters.Add(new NpgsqlParameter("idx", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = idx });
            leaf.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = data });
            leaf.Parameters.Add(new NpgsqlParameter("hash", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = leafHashes.ToArray() });
            await leaf.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using var node = new NpgsqlCommand("INSERT INTO audit_nodes (lvl, idx, hash) SELECT * FROM UNNEST(@lvl, @idx, @hash)", conn, tx);
        node.Parameters.Add(new NpgsqlParameter("lvl", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = nodes.Select(n => n.Id.Level).ToArray() });
        node.Parameters.Add(new NpgsqlParameter("idx", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = nodes.Select(n => n.Id.Index).ToArray() });
        node.Parameters.Add(new NpgsqlParameter("hash", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = nodes.Select(n => n.Hash).ToArray() });
        await node.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }
}
