namespace Bulwark.Cli.Commands.Report;

/// <summary>One policy (name and hash) seen in force on requests in the period.</summary>
internal sealed class PolicyUse
{
    public required string Name { get; init; }

    public required string Hash { get; init; }

    public long Requests { get; set; }

    public DateTimeOffset First { get; set; }

    public DateTimeOffset Last { get; set; }
}
