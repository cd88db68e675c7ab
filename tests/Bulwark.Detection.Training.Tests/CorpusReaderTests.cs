using Bulwark.Detection.Training;

namespace Bulwark.Detection.Training.Tests;

public class CorpusReaderTests
{
    [Fact]
    public void TryParse_PromptRow_ReadsFieldsAndMeta()
    {
        Assert.True(CorpusReader.TryParse("""{"source":"s","id":"1","text":"hi","label":"attack","kind":"jailbreak","meta":{"category":"Prompt_Leaking","n":3}}""", out var p, out var o));
        Assert.Null(o);
        Assert.Equal("hi", p!.Text);
        Assert.True(p.ShouldFlag);
        Assert.Equal("Prompt_Leaking", p.Meta["category"]);
        Assert.Equal("3", p.Meta["n"]);
        Assert.Equal(Bulwark.Core.Guards.Categories.PromptExtraction, CategoryMapping.AttackCategory(p));
    }

    [Fact]
    public void TryParse_OutputRow_ReadsPromptAndResponse()
    {
        Assert.True(CorpusReader.TryParse("""{"source":"s","id":"2","prompt":"p","response":"r","label":"harmful"}""", out var p, out var o));
        Assert.Null(p);
        Assert.True(o!.IsHarmful);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"id":"x"}""")]
    public void TryParse_BadLine_ReturnsFalse(string line)
    {
        Assert.False(CorpusReader.TryParse(line, out _, out _));
    }

    [Fact]
    public void SourceLicences_NonCommercialSources_AreNeverShipped()
    {
        Assert.False(SourceLicences.MayShip("alpaca_harmless_train"));
        Assert.False(SourceLicences.MayShip("alpaca_seed_tasks"));
        Assert.True(SourceLicences.MayShip("jbb_artifacts"));
    }
}
