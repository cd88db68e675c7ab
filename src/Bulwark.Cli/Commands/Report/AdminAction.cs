namespace Bulwark.Cli.Commands.Report;

internal sealed record AdminAction(long Index, DateTimeOffset Time, string Action, string? Actor, string? Target);
