namespace Bulwark.Cli;

/// <summary>Thrown by a command for bad usage or bad input; the CLI prints its message on one line and exits 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
