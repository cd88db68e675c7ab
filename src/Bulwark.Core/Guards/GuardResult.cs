namespace Bulwark.Core.Guards;

/// <summary>
/// What one guard reports: findings (category + score). The <see cref="GuardPipeline"/> turns them into an action
/// through the policy's category rules; a guard never decides the action itself.
/// </summary>
public sealed record GuardResult
{
    public static readonly GuardResult Clean = new();

    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>Short human reason, never containing the scanned text.</summary>
    public string? Reason { get; init; }

    /// <summary>Values the guard can mask, applied only when the policy's action for their category is Redact.</summary>
    public IReadOnlyList<Redaction> Redactions { get; init; } = [];

    /// <summary>Notes about what the guard did (for example "decoded:base64"), for the verdict and the audit record.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public double MaxScore => Findings.Count == 0 ? 0 : Findings.Max(f => f.Score);

    public static GuardResult Of(params Finding[] findings) => new() { Findings = findings };

    /// <summary>One finding at score 1 (a hard rule such as a size limit): blocks wherever the policy blocks its category.</summary>
    public static GuardResult Certain(string category, string reason, string? ruleId = null) =>
        new() { Findings = [new Finding(category, 1.0, ruleId)], Reason = reason };
}
