using System.Diagnostics;
using System.Text;

namespace Bulwark.Testing.Gateways;

/// <summary>
/// One `bulwark serve` process on 127.0.0.1 (the built CLI, run with `dotnet bulwark.dll`), restartable on the same port.
/// Used by the multi-node and process tests and by the revocation propagation benchmark.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _workDir;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public GatewayProcess(string name, IReadOnlyDictionary<string, string> environment, string workDir)
    {
        Name = name;
        _environment = environment;
        _workDir = workDir;
        Port = FreePort.Next();
        Directory.CreateDirectory(workDir);
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>The built CLI (BULWARK_CLI_DLL, or src/Bulwark.Cli/bin/&lt;the calling assembly's configuration&gt;).</summary>
    public static string CliDll()
    {
        if (Environment.GetEnvironmentVariable("BULWARK_CLI_DLL") is { Length: > 0 } given) return given;
        var root = RepoPaths.Root();
        var config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(root, "src", "Bulwark.Cli", "bin", config, "net10.0", "bulwark.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} not found: build src/Bulwark.Cli ({config}) first");
        return dll;
    }

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string workDir)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workDir,
        };
        psi.ArgumentList.Add(CliDll());
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        return psi;
    }

    public async Task StartAsync()
    {
        if (_process is { HasExited: false }) return;
        var p = Process.Start(StartInfo(["serve", "--urls", $"http://127.0.0.1:{Port}"], _environment, _workDir))
            ?? throw new InvalidOperationException("could not start dotnet");
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _process = p;
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(2) };
        // Generous: a node on a loaded 2-core machine can take a minute to load its models and confirm its state.
        var deadline = DateTime.UtcNow.AddSeconds(150);
        while (true)
        {
            if (p.HasExited) throw new InvalidOperationException($"{Name} exited with {p.ExitCode}:\n{Output}");
            try
            {
                using var r = await http.GetAsync("readyz");
                if (r.IsSuccessStatusCode) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Name} did not become ready:\n{Output}");
            await Task.Delay(100);
        }
    }

    public void Kill()
    {
        if (_process is null) return;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }
}
