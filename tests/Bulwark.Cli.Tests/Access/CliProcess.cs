using System.Diagnostics;

namespace Bulwark.Cli.Tests.Access;

/// <summary>Runs the built `bulwark` (bulwark.dll next to this test assembly) as a separate process in a given folder.</summary>
internal static class CliProcess
{
    public static Task<(int Exit, string Stdout, string Stderr)> RunAsync(string workDir, params string[] args) =>
        RunWithEnvironmentAsync(workDir, new Dictionary<string, string>(), args);

    public static async Task<(int Exit, string Stdout, string Stderr)> RunWithEnvironmentAsync(string workDir, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workDir,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "bulwark.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var k in psi.Environment.Keys.Where(k => k.StartsWith("Bulwark__", StringComparison.OrdinalIgnoreCase)).ToArray()) psi.Environment.Remove(k);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout, await stderr);
    }
}
