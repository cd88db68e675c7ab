using Bulwark.Detection.Semantic;

namespace Bulwark.Detection.Tests.Semantic;

public class SemanticWindowsTests
{
    [Fact]
    public void Split_100kCharacters_IsBoundedToEightWindows()
    {
        var text = string.Concat(Enumerable.Repeat("All work and no play makes Jack a dull boy. ", 2300));
        Assert.True(text.Length >= 100_000);
        var windows = SemanticWindows.Split(text);
        Assert.InRange(windows.Length, 2, SemanticWindows.MaxWindows);
        Assert.All(windows, w => Assert.True(w.Length <= SemanticWindows.LongTextWindowCharacters));
        Assert.StartsWith(windows[0], text);
        Assert.EndsWith(windows[^1], text);
    }

    [Fact]
    public void Split_KilobytePrompt_IsOneWindow()
    {
        var text = new string('a', 1024);
        Assert.Equal([text], SemanticWindows.Split(text));
    }

    [Fact]
    public void Split_ShortText_IsOneWindow()
    {
        Assert.Equal(["hello"], SemanticWindows.Split("hello"));
    }
}
