namespace Bulwark.RedTeam.Targets;

/// <summary>How the target answered one request.</summary>
public enum TargetOutcome
{
    /// <summary>An answer arrived and ended normally.</summary>
    Answered,
    /// <summary>The request was refused before any answer (content filter, or a guard failing closed).</summary>
    BlockedInput,
    /// <summary>An answer started but was stopped by an output filter (whatever arrived before is in <see cref="TargetReply.Received"/>).</summary>
    BlockedOutput,
    /// <summary>429: slow down and retry; never a block.</summary>
    RateLimited,
    /// <summary>Anything else: unreachable, bad key, unknown model, server error.</summary>
    Failed,
}
