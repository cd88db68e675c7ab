using System.CommandLine;
using Bulwark.Cli;

namespace Bulwark.Cli.Tests.Audit;

/// <summary>Runs one command in-process the way Program does (parse errors and usage errors exit 2), capturing its output.</summary>
internal static class CliRun
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(Func<TextWriter, TextWriter, ICliCommand> factory, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var root = new RootCommand("test");
        root.Subcommands.Add(factory(stdout, stderr).Build());
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0) return (ExitCodes.BadUsage, stdout.ToString(), parse.Errors[0].Message);
        try
        {
            var exit = await parse.InvokeAsync();
            return (exit, stdout.ToString(), stderr.ToString());
        }
        catch (CliUsageException ex)
        {
            return (ExitCodes.BadUsage, stdout.ToString(), "unhandled: " + ex.Message);
        }
    }
}
