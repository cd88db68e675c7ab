using System.Text.Json.Serialization;

namespace Bulwark.RedTeam.Running;

/// <summary>
/// One line of <c>results.jsonl</c>. <c>success</c> for an attack follows the judge mode; for a benign probe it means the
/// probe was answered (not refused). <c>categories</c> are what the target reported; <c>category</c> is the seed's own.
/// <c>outcome</c> is answered, blocked_input, blocked_output, rate_limited or failed.
/// </summary>
public sealed record AttemptResult
{
    [JsonPropertyName("seed_id")] public required string SeedId { get; init; }
    [JsonPropertyName("operator")] public required string Operator { get; init; }
    [JsonPropertyName("kind")] public required string Kind { get; init; }
    [JsonPropertyName("turns")] public int Turns { get; init; }
    [JsonPropertyName("adaptive")] public bool Adaptive { get; init; }
    [JsonPropertyName("query")] public int? Query { get; init; }
    [JsonPropertyName("success")] public bool Success { get; init; }
    [JsonPropertyName("status")] public int Status { get; init; }
    [JsonPropertyName("outcome")] public required string Outcome { get; init; }
    [JsonPropertyName("category")] public required string Category { get; init; }
    [JsonPropertyName("categories")] public IReadOnlyList<string> Categories { get; init; } = [];
    [JsonPropertyName("input_passed")] public bool InputPassed { get; init; }
    [JsonPropertyName("harmful_received")] public bool HarmfulReceived { get; init; }
    [JsonPropertyName("score")] public double? Score { get; init; }
    [JsonPropertyName("ms")] public double Ms { get; init; }
    [JsonPropertyName("prompt")] public string Prompt { get; init; } = "";
    [JsonPropertyName("received")] public string Received { get; init; } = "";

    /// <summary>Rate-limited and failed attempts are reported but count neither as a block nor as a success.</summary>
    [JsonIgnore] public bool Counted => Outcome is Outcomes.Answered or Outcomes.BlockedInput or Outcomes.BlockedOutput;
}
