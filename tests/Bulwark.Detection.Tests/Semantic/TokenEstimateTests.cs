using Bulwark.Detection.Semantic;

namespace Bulwark.Detection.Tests.Semantic;

public class TokenEstimateTests
{
    [Fact]
    public void Count_PlainEnglish_IsAboutOnePiecePerWord()
    {
        var text = "Could you suggest an itinerary for a family trip to Portugal in June, with one rainy-day option per stop?";
        Assert.InRange(TokenEstimate.Count(text), 18, 30);
        Assert.True(SemanticWindows.IsReadable(string.Concat(Enumerable.Repeat(text + " ", 5))));
    }

    [Fact]
    public void Density_Leetspeak_IsDenseAndNotReadable()
    {
        var leet = string.Concat(Enumerable.Repeat("h3ll0 fr13nd 1 l0v3 c00k1ng p45t4 w1th g4rl1c ", 10));
        Assert.True(TokenEstimate.Density(leet) > SemanticWindows.DensePiecesPerCharacter);
        Assert.False(SemanticWindows.IsReadable(leet));
    }

    [Fact]
    public void Count_Ideographs_OnePieceEach()
    {
        Assert.Equal(6, TokenEstimate.Count("请写一小段"  + "字"));
    }
}
