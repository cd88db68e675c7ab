using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Bulwark.Testing;

/// <summary>
/// A real Redis server on loopback. <see cref="SharedAsync"/> is one per test process; <see cref="StartAsync"/>
/// gives a test its own, which it may <see cref="Stop"/> and <see cref="RestartAsync"/> (same port) to
/// simulate an outage.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly Lazy<Task<RedisServer>> SharedInstance = new(() => StartAsync());
    private readonly string _dir;
    private Process? _process;

    private RedisServer(string dir, int port)
    {
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The URI in the form Bulwark's Bus setting takes.</summary>
    public string Uri => $"redis://127.0.0.1:{Port}";

    /// <summary>A StackExchange.Redis configuration string.</summary>
    public string ConfigurationString => $"127.0.0.1:{Port},abortConnect=false";

    public static Task<RedisServer> SharedAsync() => SharedInstance.Value;

    public static async Task<RedisServer> StartAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "bulwark-redis-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var server = new RedisServer(dir, FreePort.Next());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        await server.RestartAsync();
        return server;
    }

    public bool IsRunning => _process is { HasExited: false };

    public async Task RestartAsync()
    {
        Stop();
        _process = ProcessRunner.Start(ServiceBinaries.Redis(),
            ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _dir, "--daemonize", "no"]);
        _ = _process.StandardOutput.ReadToEndAsync();
        _ = _process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    public void Stop()
    {
        if (_process is null) return;
        try { if (!_process.HasExited) { _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); } } catch (InvalidOperationException) { }
        _process.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
