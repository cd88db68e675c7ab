using System.Text.Json.Serialization;

namespace Bulwark.RedTeam.Reporting;

/// <summary>The adaptive phase: share of goals broken within the budget, queries spent, and success against queries.</summary>
public sealed record AdaptiveSummary
{
    [JsonPropertyName("asr")] public double Asr { get; init; }
    [JsonPropertyName("queries")] public int Queries { get; init; }
    [JsonPropertyName("goals")] public int Goals { get; init; }
    [JsonPropertyName("budget")] public int Budget { get; init; }
    [JsonPropertyName("mean_queries_to_success")] public double? MeanQueriesToSuccess { get; init; }

    /// <summary>Index q-1: share of goals broken within q queries.</summary>
    [JsonPropertyName("asr_by_queries")] public IReadOnlyList<double> AsrByQueries { get; init; } = [];
}
