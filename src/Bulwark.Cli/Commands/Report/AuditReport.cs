namespace Bulwark.Cli.Commands.Report;

/// <summary>What a compliance report says about one period, computed from a verified audit log alone.</summary>
internal sealed class AuditReport
{
    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public DateTimeOffset Generated { get; init; }

    public string Source { get; init; } = "";

    public ReportVerification? Verification { get; set; }

    public long LogSize { get; set; }

    public long RecordsInPeriod { get; set; }

    public long Requests { get; set; }

    public SortedDictionary<string, long> Outcomes { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> RequestsByModel { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> BlocksByCategory { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> BlocksByRule { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> DenialsByReason { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> OffenderActions { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, PrincipalActivity> Principals { get; } = new(StringComparer.Ordinal);

    public List<PolicyUse> Policies { get; } = [];

    public TimeSpan Bucket { get; set; } = TimeSpan.FromHours(1);

    public SortedDictionary<DateTimeOffset, SeriesPoint> Series { get; } = [];

    public List<AdminAction> AdminActions { get; } = [];

    public List<DirectiveCheck> Directives { get; } = [];

    public CheckpointSummary? Checkpoints { get; set; }

    public long UnreadableRecords { get; set; }

    public long Blocks => Outcomes.Where(kv => kv.Key.StartsWith("blocked", StringComparison.Ordinal)).Sum(kv => kv.Value);

    public long Denials => Outcomes.GetValueOrDefault("denied");
}
