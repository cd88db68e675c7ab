using System.Data.Common;
using Bulwark.Audit.Tree;
using Microsoft.Data.Sqlite;

namespace Bulwark.Gateway.Auditing.Stores;

/// <summary>The audit log in a SQLite file: WAL journal, synchronous=FULL, BEGIN IMMEDIATE as the sequencer lock.</summary>
public sealed class SqliteAuditStore : AdoAuditStore
{
    private readonly string _connectionString;

    public SqliteAuditStore(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        FilePath = full;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public override string Name => "sqlite";

    public string FilePath { get; }

    protected override IReadOnlyList<string> SchemaStatements { get; } =
    [
        "CREATE TABLE IF NOT EXISTS audit_leaves (idx INTEGER PRIMARY KEY, data BLOB NOT NULL, leaf_hash BLOB NOT NULL)",
        "CREATE TABLE IF NOT EXISTS audit_nodes (lvl INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (lvl, idx)) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS audit_checkpoints (id INTEGER PRIMARY KEY AUTOINCREMENT, size INTEGER NOT NULL, note TEXT NOT NULL, created_ms INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS audit_content (idx INTEGER NOT NULL, part TEXT NOT NULL, sealed BLOB NOT NULL, created_ms INTEGER NOT NULL, PRIMARY KEY (idx, part))",
        "CREATE INDEX IF NOT EXISTS audit_content_created ON audit_content (created_ms)",
    ];

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var conn = new SqliteConnection(_connectionString);
        try
        {
            await conn.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return conn;
        }
        catch
        {
            await conn.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override ValueTask<DbTransaction> BeginSequencedAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    protected override async ValueTask RunMigrationAsync(DbConnection connection, IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        await using var tx = ((SqliteConnection)connection).BeginTransaction(deferred: false);
        foreach (var sql in statements)
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = sql;
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async ValueTask InsertAsync(DbConnection connection, DbTransaction transaction, long first, IReadOnlyList<ReadOnlyMemory<byte>> records,
        IReadOnlyList<byte[]> leafHashes, IReadOnlyList<(NodeId Id, byte[] Hash)> nodes, CancellationToken cancellationToken)
    {
        var conn = (SqliteConnection)connection;
        await using (var leaf = conn.CreateCommand())
        {
            leaf.Transaction = (SqliteTransaction)transaction;
            leaf.CommandText = "INSERT INTO audit_leaves (idx, data, leaf_hash) VALUES ($idx, $data, $hash)";
            var pIdx = leaf.Parameters.Add("$idx", SqliteType.Integer);
            var pData = leaf.Parameters.Add("$data", SqliteType.Blob);
            var pHash = leaf.Parameters.Add("$hash", SqliteType.Blob);
            leaf.Prepare();
            for (var i = 0; i < records.Count; i++)
            {
                pIdx.Value = first + i;
                pData.Value = records[i].ToArray();
                pHash.Value = leafHashes[i];
                await leaf.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        await using var node = conn.CreateCommand();
        node.Transaction = (SqliteTransaction)transaction;
        node.CommandText = "INSERT INTO audit_nodes (lvl, idx, hash) VALUES ($lvl, $idx, $hash)";
        var nLvl = node.Parameters.Add("$lvl", SqliteType.Integer);
        var nIdx = node.Parameters.Add("$idx", SqliteType.Integer);
        var nHash = node.Parameters.Add("$hash", SqliteType.Blob);
        node.Prepare();
        foreach (var (id, hash) in nodes)
        {
            nLvl.Value = id.Level;
            nIdx.Value = id.Index;
            nHash.Value = hash;
            await node.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
