using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Bulwark.Gateway.Access.Stores;

/// <summary>SQLite store (single node): one file in WAL mode; writers take BEGIN IMMEDIATE and wait up to 30 s for the lock.</summary>
public sealed class SqliteAccessStore : SqlAccessStore
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _changeGate = new(1, 1);

    public SqliteAccessStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Cache = SqliteCacheMode.Private, Pooling = true, DefaultTimeout = 30,
        }.ToString();
    }

    public override string Name => "sqlite";

    public string Path { get; }

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var conn = new SqliteConnection(_connectionString);
        await conn.OpenAsync(cancellationToken);
        // SQLite's own busy handler (short sleeps) instead of Microsoft.Data.Sqlite's 150 ms managed retry: this store
        // shares its file with the audit log, whose writer must not stall behind a last-used flush.
        await using var busy = Command(conn, null, "PRAGMA busy_timeout=30000");
        await busy.ExecuteNonQueryAsync(cancellationToken);
        return conn;
    }

    protected override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    protected override ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    public override async Task<T> RunExclusiveAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        // The write lock of the database itself cannot be held here: the audit log appends to the same file meanwhile.
        // So: an in-process gate, then an exclusive lock file for other processes (the CLI on the same store).
        await _changeGate.WaitAsync(cancellationToken);
        try
        {
            await using var fileLock = await LockFileAsync(cancellationToken);
            return await action(cancellationToken);
        }
        finally
        {
            _changeGate.Release();
        }
    }

    private async Task<FileStream> LockFileAsync(CancellationToken cancellationToken)
    {
        var path = Path + ".change-lock";
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (attempt < 3000)
            {
                await Task.Delay(10, cancellationToken);
            }
        }
    }

    public override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var conn = (SqliteConnection)await OpenAsync(cancellationToken);
        // WAL is a property of the file; switching needs a moment without other writers, so retry briefly.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var wal = Command(conn, null, "PRAGMA journal_mode=WAL");
                await wal.ExecuteScalarAsync(cancellationToken);
                break;
            }
            catch (SqliteException) when (attempt < 50)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
        await using var tx = conn.BeginTransaction(deferred: false);
        foreach (var sql in AccessSchema.Statements("INTEGER"))
        {
            await using var cmd = Command(conn, tx, sql);
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
    }
}
