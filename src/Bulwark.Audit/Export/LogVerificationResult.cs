namespace Bulwark.Audit.Export;

/// <summary>
/// The verdict on a whole log. When invalid: <see cref="FirstBadIndex"/> is the first record index shown to be bad
/// (or the lower bound of the range that is, when <see cref="Localized"/> is false), and/or <see cref="BadCheckpoint"/>
/// is the position (in stored order) of the first bad checkpoint; <see cref="Reason"/> says what and why.
/// </summary>
public sealed record LogVerificationResult
{
    public required bool Valid { get; init; }

    public LogProblem Problem { get; init; }

    public long RecordCount { get; init; }

    public int CheckpointCount { get; init; }

    /// <summary>Largest checkpointed size that verified.</summary>
    public long VerifiedSize { get; init; }

    public long? FirstBadIndex { get; init; }

    /// <summary>True when <see cref="FirstBadIndex"/> is exact; false when it is the start of the smallest range shown bad.</summary>
    public bool Localized { get; init; } = true;

    public int? BadCheckpoint { get; init; }

    public string Reason { get; init; } = "";

    public override string ToString() => Valid
        ? $"VALID: {RecordCount} records, {CheckpointCount} checkpoints; verified up to size {VerifiedSize}{(RecordCount > VerifiedSize ? $" ({RecordCount - VerifiedSize} newer records not yet checkpointed)" : "")}"
        : $"INVALID ({Problem}): {Reason}"
          + (FirstBadIndex is { } i ? (Localized ? $"; first bad index {i}" : $"; first bad index at or after {i}") : "")
          + (BadCheckpoint is { } c ? $"; bad checkpoint #{c}" : "");
}
