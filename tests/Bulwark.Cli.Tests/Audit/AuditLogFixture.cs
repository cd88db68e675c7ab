using Bulwark.Audit.Notes;
using Bulwark.Audit.Tree;
using Bulwark.Cli.Commands.Audit;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Auditing.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bulwark.Cli.Tests.Audit;

/// <summary>A real SQLite audit store with 120 records and signed checkpoints at 50, 100 and 120, plus raw SQL to tamper with it.</summary>
internal sealed class AuditLogFixture : IAsyncDisposable
{
    public const string Origin = "test.bulwark/audit";

    private AuditLogFixture(string dir, NoteSigner signer)
    {
        Dir = dir;
        Signer = signer;
    }

    public string Dir { get; }

    public NoteSigner Signer { get; }

    public string DbPath => Path.Combine(Dir, "bulwark.db");

    public string StoreUri => "sqlite://" + DbPath;

    public string VerifierKey => Signer.VerifierKey;

    public static async Task<AuditLogFixture> CreateAsync(int records = 120, params long[] checkpointSizes)
    {
        if (checkpointSizes.Length == 0) checkpointSizes = [50, 100, 120];
        var dir = Path.Combine(Path.GetTempPath(), "bulwark-cli-audit-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var f = new AuditLogFixture(dir, NoteSigner.Generate(Origin));
        await using var store = new SqliteAuditStore(f.DbPath);
        await store.InitializeAsync(CancellationToken.None);
        using var cp = new AuditCheckpointer(store, f.Signer, Origin, TimeSpan.FromMinutes(1), int.MaxValue, TimeProvider.System, NullLogger<AuditCheckpointer>.Instance);
        long n = 0;
        foreach (var size in checkpointSizes.Append(records).Distinct().Order())
        {
            if (size > n)
            {
                await store.AppendAsync(Enumerable.Range(0, (int)(size - n)).Select(i => (ReadOnlyMemory<byte>)AuditCommand.SyntheticRecord(n + i)).ToArray(), CancellationToken.None);
                n = size;
            }
            if (checkpointSizes.Contains(size)) await cp.CheckpointAsync(CancellationToken.None);
        }
        return f;
    }

    public async Task ExecAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var conn = new SqliteConnection("Data Source=" + DbPath + ";Pooling=False");
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<byte[]> ReadDataAsync(long index)
    {
        await using var conn = new SqliteConnection("Data Source=" + DbPath + ";Pooling=False");
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT data FROM audit_leaves WHERE idx = $i";
        cmd.Parameters.AddWithValue("$i", index);
        return (byte[])(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Recomputes the node cache from the stored leaf hashes, as an attacker covering their tracks would.</summary>
    public async Task RebuildNodesAsync()
    {
        await using var store = new SqliteAuditStore(DbPath);
        var leaves = await store.ReadLeavesAsync(0, int.MaxValue, CancellationToken.None);
        await ExecAsync("DELETE FROM audit_nodes");
        var range = new CompactRange();
        var nodes = new List<(NodeId, byte[])>();
        foreach (var l in leaves) range.Append(l.LeafHash, (id, h) => nodes.Add((id, h)));
        await using var conn = new SqliteConnection("Data Source=" + DbPath + ";Pooling=False");
        await conn.OpenAsync();
        await using var tx = conn.BeginTransaction();
        foreach (var (id, h) in nodes)
        {
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO audit_nodes (lvl, idx, hash) VALUES ($l, $i, $h)";
            cmd.Parameters.AddWithValue("$l", id.Level);
            cmd.Parameters.AddWithValue("$i", id.Index);
            cmd.Parameters.AddWithValue("$h", h);
            await cmd.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }

    public Task<(int Exit, string Out, string Err)> AuditAsync(params string[] args) =>
        CliRun.RunAsync((o, e) => new AuditCommand(o, e), ["audit", .. args]);

    public Task<(int Exit, string Out, string Err)> VerifyStoreAsync(string? key = null) =>
        AuditAsync("verify", "--store", StoreUri, "--key", key ?? VerifierKey);

    public ValueTask DisposeAsync()
    {
        Signer.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Dir, true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
