namespace Bulwark.Audit.Export;

/// <summary>What <see cref="LogVerifier"/> found wrong first.</summary>
public enum LogProblem
{
    None,
    NoCheckpoint,
    MalformedCheckpoint,
    BadCheckpointSignature,
    OriginMismatch,
    MissingRecord,
    DuplicateOrReorderedRecord,
    LeafHashMismatch,
    RootMismatch,
    Truncated,
    InconsistentCheckpoints,
    MalformedInput,
}
