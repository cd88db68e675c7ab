using System.CommandLine;

namespace Bulwark.Cli;

/// <summary>Shared wrapping of command actions.</summary>
internal static class CliActions
{
    /// <summary>Bad usage or unreadable input: one line on stderr and exit 2, whatever the host's exception handling.</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Guarded(TextWriter error, Func<ParseResult, CancellationToken, Task<int>> action) => async (pr, ct) =>
    {
        try
        {
            return await action(pr, ct).ConfigureAwait(false);
        }
        catch (CliUsageException ex)
        {
            error.WriteLine("bulwark: " + ex.Message);
            return ExitCodes.BadUsage;
        }
    };
}
