using System.CommandLine;

namespace Bulwark.Cli;

/// <summary>
/// One top-level command of the `bulwark` CLI. Every non-abstract implementation in this assembly is found
/// at start-up and added to the root command, so a new command is one new file.
/// Exit codes: 0 success, 1 a failed check, 2 bad usage or input (with a one-line reason on stderr).
/// </summary>
public interface ICliCommand
{
    Command Build();
}
