using Bulwark.Core.Access;

namespace Bulwark.Core.Tests.Access;

public sealed class TimeSpecTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("30d", 30 * 24 * 3600)]
    [InlineData("+12h", 12 * 3600)]
    [InlineData("15m", 15 * 60)]
    [InlineData("45s", 45)]
    [InlineData("now", 0)]
    public void TryParse_Relative_AddsToNow(string text, int seconds)
    {
        Assert.True(TimeSpec.TryParse(text, Now, out var t));
        Assert.Equal(Now.AddSeconds(seconds), t);
    }

    [Fact]
    public void TryParse_IsoWithoutOffset_IsUtc()
    {
        Assert.True(TimeSpec.TryParse("2026-12-31T10:00:00", Now, out var t));
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 10, 0, 0, TimeSpan.Zero), t);
        Assert.True(TimeSpec.TryParse("2026-12-31T10:00:00+02:00", Now, out var t2));
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 8, 0, 0, TimeSpan.Zero), t2.ToUniversalTime());
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("10y")]
    [InlineData("-5m")]
    public void TryParse_Garbage_IsFalse(string text)
    {
        Assert.False(TimeSpec.TryParse(text, Now, out _));
    }

    [Fact]
    public void Format_IsIsoUtcWithMilliseconds()
    {
        Assert.Equal("2026-03-01T00:00:00.000Z", TimeSpec.Format(Now));
    }
}
