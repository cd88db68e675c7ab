namespace Bulwark.Core.Guards;

/// <summary>
/// What one guard reports. Guards report findings (category + score); the <see cref="GuardPipeline"/> turns
/// them into an action through the policy's category rules. A guard may also force an action itself
/// (for example a size limit forces Block) through <see cref="ForcedAction"/>.
/// </summary>
public sealed record GuardResult
{
    public static readonly GuardResult Clean = new();

    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>An action the guard insists on regardless of thresholds (limits, hard rules). Null: let the policy decide.</summary>
    public GuardAction? ForcedAction { get; init; }

    /// <summary>Short human reason, never containing the scanned text.</summary>
    public string? Reason { get; init; }

    /// <summary>Replacement text when the guard redacts (for example a secret it masked).</summary>
    public string? RedactedText { get; init; }

    /// <summary>Notes about what the guard did (for example "decoded:base64"), for the verdict and the audit record.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public double MaxScore => Findings.Count == 0 ? 0 : Findings.Max(f => f.Score);

    public static GuardResult Of(params Finding[] findings) => new() { Findings = findings };

    public static GuardResult Force(GuardAction action, string category, string reason, string? ruleId = null) =>
        new() { ForcedAction = action, Findings = [new Finding(category, 1.0, ruleId)], Reason = reason };
}
