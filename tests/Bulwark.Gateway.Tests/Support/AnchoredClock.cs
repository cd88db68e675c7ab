namespace Bulwark.Gateway.Tests.Support;

/// <summary>
/// Wall-clock time that starts a few seconds into a minute and then runs at real speed. Tests of per-minute windows
/// (failed-auth limits, the keyless-noise summaries) use it so that a window boundary cannot fall in the middle of the
/// test, whatever the real time of day is; timers and timestamps still come from the system clock.
/// </summary>
public sealed class AnchoredClock : TimeProvider
{
    /// <summary>The instant the clock shows when it is created: 5 s past a whole minute.</summary>
    public static readonly DateTimeOffset Anchor = new(2026, 1, 1, 0, 0, 5, TimeSpan.Zero);

    private readonly long _started = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => Anchor + System.GetElapsedTime(_started);
}
