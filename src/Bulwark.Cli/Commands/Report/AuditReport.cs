namespace Bulwark.Cli.Commands.Report;

/// <summary>What a compliance report says about one period, computed from the audit log alone.</summary>
internal sealed class AuditReport
{
    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public DateTimeOffset Generated { get; init; }

    public string Source { get; init; } = "";

    public long LogSize { get; set; }

    public long RecordsInPeriod { get; set; }

    public long Requests { get; set; }

    public SortedDictionary<string, long> Outcomes { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> RequestsByModel { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> BlocksByCategory { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> BlocksByRule { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> DenialsByReason { get; } = new(StringComparer.Ordinal);

    public List<AdminAction> AdminActions { get; } = [];

    public List<DirectiveCheck> Directives { get; } = [];

    public List<ReportCheckpoint> Checkpoints { get; } = [];

    public long UnreadableRecords { get; set; }
}
