namespace Bulwark.Cli.Commands.Report;

internal sealed record DirectiveViolation(long Index, DateTimeOffset Time, string? Principal, IReadOnlyList<string> Groups);
