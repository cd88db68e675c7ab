namespace Bulwark.Gateway.Tests.Access;

/// <summary>A clock the test moves by hand (timers stay real; only "now" is controlled).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
