using System.Data.Common;
using Bulwark.Audit.Tree;
using Microsoft.Data.Sqlite;

namespace Bulwark.Gateway.Auditing.Stores;

/// <summary>
/// The audit log in a SQLite file: WAL journal, synchronous=FULL (each commit is fsynced before it is acknowledged),
/// BEGIN IMMEDIATE as the sequencer lock. The append connection does not checkpoint the WAL itself
/// (<c>wal_autocheckpoint=0</c>): SQLite's automatic checkpoint runs inside the commit that crosses 1000 WAL pages,
/// copying about 4 MB and fsyncing the database file while that batch's callers wait. Instead, every
/// <see cref="WalCheckpointEveryCommits"/> commits (or <see cref="WalCheckpointEveryRecords"/> records) a PASSIVE
/// checkpoint runs in the background on another connection, concurrently with later appends.
/// </summary>
public sealed class SqliteAuditStore : AdoAuditStore
{
    private readonly string _connectionString;
    private int _commitsSinceWalCheckpoint;
    private int _recordsSinceWalCheckpoint;
    private Task _walCheckpoint = Task.CompletedTask;

    /// <summary>Commits after which a background WAL checkpoint starts.</summary>
    public const int WalCheckpointEveryCommits = 64;

    /// <summary>Records after which a background WAL checkpoint starts, whatever the number of commits.</summary>
    public const int WalCheckpointEveryRecords = 2048;

    /// <summary>WAL checkpoints run in the background so far (for tests and diagnostics).</summary>
    public int WalCheckpoints => Volatile.Read(ref _walCheckpoints);

    private int _walCheckpoints;

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
            // busy_timeout: SQLite's own busy handler retries within about a millisecond when another connection (the access
            // store's last-used flush, the checkpointer) holds the write lock. Without it Microsoft.Data.Sqlite retries in
            // managed code with 150 ms sleeps, which was the load benchmark's p99 at concurrency 32.
            // wal_autocheckpoint is reset here because pooled connections may have been the append connection before.
            cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000; PRAGMA wal_autocheckpoint=1000;";
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return conn;
        }
        catch
        {
            await conn.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override async ValueTask<DbConnection> OpenAppendConnectionAsync(CancellationToken cancellationToken)
    {
        var conn = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA wal_autocheckpoint=0;";
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return conn;
    }

    /// <summary>Starts a background PASSIVE checkpoint when enough was appended and none is running (called under the append lock).</summary>
    protected override void OnAppended(int records)
    {
        _commitsSinceWalCheckpoint++;
        _recordsSinceWalCheckpoint += records;
        if (_commitsSinceWalCheckpoint < WalCheckpointEveryCommits && _recordsSinceWalCheckpoint < WalCheckpointEveryRecords) return;
        if (!_walCheckpoint.IsCompleted) return;
        _commitsSinceWalCheckpoint = 0;
        _recordsSinceWalCheckpoint = 0;
        _walCheckpoint = Task.Run(CheckpointWalAsync);
    }

    private async Task CheckpointWalAsync()
    {
        try
        {
            await using var conn = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            await cmd.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            Interlocked.Increment(ref _walCheckpoints);
        }
        catch (SqliteException)
        {
            // Nothing is lost: every acknowledged record is already in the fsynced WAL. The next trigger checkpoints again.
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _walCheckpoint.ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
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

    protected override ValueTask InsertAsync(DbConnection connection, DbTransaction transaction, long first, IReadOnlyList<ReadOnlyMemory<byte>> records,
        IReadOnlyList<byte[]> leafHashes, IReadOnlyList<(NodeId Id, byte[] Hash)> nodes, CancellationToken cancellationToken)
    {
        // Multi-row INSERTs, executed synchronously (SQLite has no real async I/O): far fewer statement round trips per record.
        var conn = (SqliteConnection)connection;
        var tx = (SqliteTransaction)transaction;
        InsertRows(conn, tx, "audit_leaves (idx, data, leaf_hash)", records.Count, (i, p) =>
        {
            p[0].Value = first + i;
            p[1].Value = AsArray(records[i]);
            p[2].Value = leafHashes[i];
        }, cancellationToken);
        InsertRows(conn, tx, "audit_nodes (lvl, idx, hash)", nodes.Count, (i, p) =>
        {
            p[0].Value = nodes[i].Id.Level;
            p[1].Value = nodes[i].Id.Index;
            p[2].Value = nodes[i].Hash;
        }, cancellationToken);
        return ValueTask.CompletedTask;
    }

    private const int RowsPerStatement = 128;

    private static void InsertRows(SqliteConnection conn, SqliteTransaction tx, string table, int count, Action<int, SqliteParameter[]> bind, CancellationToken cancellationToken)
    {
        SqliteCommand? full = null;
        SqliteParameter[][]? fullParams = null;
        try
        {
            for (var offset = 0; offset < count; offset += RowsPerStatement)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rows = Math.Min(RowsPerStatement, count - offset);
                SqliteCommand cmd;
                SqliteParameter[][] ps;
                if (rows == RowsPerStatement && full is not null)
                {
                    cmd = full;
                    ps = fullParams!;
                }
                else
                {
                    (cmd, ps) = Build(conn, tx, table, rows);
                    if (rows == RowsPerStatement)
                    {
                        full = cmd;
                        fullParams = ps;
                    }
                }
                for (var r = 0; r < rows; r++) bind(offset + r, ps[r]);
                cmd.ExecuteNonQuery();
                if (cmd != full) cmd.Dispose();
            }
        }
        finally
        {
            full?.Dispose();
        }
    }

    private static (SqliteCommand, SqliteParameter[][]) Build(SqliteConnection conn, SqliteTransaction tx, string table, int rows)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        var sb = new System.Text.StringBuilder("INSERT INTO ").Append(table).Append(" VALUES ");
        var ps = new SqliteParameter[rows][];
        for (var r = 0; r < rows; r++)
        {
            if (r > 0) sb.Append(',');
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"($a{r},$b{r},$c{r})");
            ps[r] = [cmd.Parameters.Add("$a" + r, SqliteType.Integer), cmd.Parameters.Add("$b" + r, SqliteType.Blob), cmd.Parameters.Add("$c" + r, SqliteType.Blob)];
        }
        cmd.CommandText = sb.ToString();
        return (cmd, ps);
    }

    private static byte[] AsArray(ReadOnlyMemory<byte> m) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(m, out var seg) && seg.Offset == 0 && seg.Count == seg.Array!.Length ? seg.Array : m.ToArray();
}
