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
        Assert.All(windows, w => Assert.InRange(TokenEstimate.Count(w), 1, 2 * SemanticWindows.LongTextWindowTokens));
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
    public void Candidates_DenseText_UsesShorterWindowsThanProse()
    {
        var prose = string.Concat(Enumerable.Repeat("All work and no play makes Jack a dull boy. ", 400));
        var leet = string.Concat(Enumerable.Repeat("4ll w0rk 4nd n0 pl4y m4k35 J4ck 4 dull b0y. ", 400));
        var proseWindow = SemanticWindows.Candidates(prose)[0].Length;
        var leetWindow = SemanticWindows.Candidates(leet)[0].Length;
        Assert.True(leetWindow < proseWindow, $"{leetWindow} vs {proseWindow}");
        Assert.InRange(SemanticWindows.Candidates(leet).Length, 2, SemanticWindows.MaxCandidates);
    }

    [Fact]
    public void Split_ShortText_IsOneWindow()
    {
        Assert.Equal(["hello"], SemanticWindows.Split("hello"));
    }
}
