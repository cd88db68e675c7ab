using System.Diagnostics;
using Npgsql;

namespace Bulwark.Testing;

/// <summary>
/// A real PostgreSQL server on loopback in a temporary folder, started once per test process and shared;
/// each test gets its own database from <see cref="CreateDatabaseAsync"/>. Stopped at process exit.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly Lazy<Task<PostgresServer>> SharedInstance = new(() => StartAsync());
    private readonly Process _process;
    private readonly string _dataDir;

    private PostgresServer(Process process, string dataDir, int port)
    {
        _process = process;
        _dataDir = dataDir;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The superuser connection string to the `postgres` database.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    public static Task<PostgresServer> SharedAsync() => SharedInstance.Value;

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = ServiceBinaries.PostgresBin();
        var dir = Path.Combine(Path.GetTempPath(), "bulwark-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var user = ProcessRunner.IsRoot ? "postgres" : null;
        if (user is not null) await ProcessRunner.RunAsync("chown", ["-R", "postgres", dir]);
        var data = Path.Combine(dir, "data");
        await ProcessRunner.RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], user, TimeSpan.FromSeconds(120));
        var port = FreePort.Next();
        var process = ProcessRunner.Start(Path.Combine(bin, "postgres"),
            ["-D", data, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "listen_addresses=127.0.0.1", "-k", dir,
             "-c", "fsync=on", "-c", "max_connections=300", "-c", "shared_buffers=64MB"], user);
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var server = new PostgresServer(process, dir, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Kill();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await using var conn = new NpgsqlConnection(server.AdminConnectionString);
                await conn.OpenAsync();
                return server;
            }
            catch (Exception) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Creates a fresh, empty database and returns its URI in the form Bulwark's Store setting takes.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 33)].ToLowerInvariant();
        await using var conn = new NpgsqlConnection(AdminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return $"postgres://postgres@127.0.0.1:{Port}/{name}";
    }

    private void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        try { Directory.Delete(_dataDir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }
}
