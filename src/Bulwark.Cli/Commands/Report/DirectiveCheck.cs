namespace Bulwark.Cli.Commands.Report;

/// <summary>One directive (from its "directive.issue" admin record) and whether any served request broke it.</summary>
internal sealed class DirectiveCheck
{
    public required string Id { get; init; }

    public required string Model { get; init; }

    public required IReadOnlyList<string> AllowGroups { get; init; }

    public required DateTimeOffset Issued { get; init; }

    public required DateTimeOffset Effective { get; init; }

    public long IssueIndex { get; init; }

    public string Reason { get; init; } = "";

    public string Issuer { get; init; } = "";

    public DateTimeOffset? Lifted { get; set; }

    public long CheckedRequests { get; set; }

    public List<DirectiveViolation> Violations { get; } = [];

    public bool Compliant => Violations.Count == 0;
}
