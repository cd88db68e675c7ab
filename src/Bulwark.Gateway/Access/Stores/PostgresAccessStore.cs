using System.Data;
using System.Data.Common;
using Npgsql;

namespace Bulwark.Gateway.Access.Stores;

/// <summary>PostgreSQL store (many nodes). Migrations hold a transaction-scoped advisory lock so concurrent start-ups serialise.</summary>
public sealed class PostgresAccessStore : SqlAccessStore, IAsyncDisposable
{
    private const long MigrationLockKey = 0x42_75_6c_77_61_01; // "Bulwa" + access
    private const long ChangeLockKey = 0x42_75_6c_77_61_02; // "Bulwa" + admin changes
    private readonly NpgsqlDataSource _dataSource;

    public PostgresAccessStore(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public override string Name => "postgres";

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    protected override async ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

    public override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var conn = await OpenAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await using (var lockCmd = Command(conn, tx, $"SELECT pg_advisory_xact_lock({MigrationLockKey})"))
            await lockCmd.ExecuteNonQueryAsync(cancellationToken);
        foreach (var sql in AccessSchema.Statements("BIGINT"))
        {
            await using var cmd = Command(conn, tx, sql);
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
    }

    public override async Task<T> RunExclusiveAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        // The lock lives as long as this transaction: a crashed holder releases it with its connection.
        await using var conn = await OpenAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await using (var lockCmd = Command(conn, tx, $"SELECT pg_advisory_xact_lock({ChangeLockKey})"))
            await lockCmd.ExecuteNonQueryAsync(cancellationToken);
        var result = await action(cancellationToken);
        await tx.CommitAsync(CancellationToken.None);
        return result;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
