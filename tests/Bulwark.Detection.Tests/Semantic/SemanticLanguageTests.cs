using Bulwark.Detection.Semantic;

namespace Bulwark.Detection.Tests.Semantic;

public class SemanticLanguageTests
{
    [Theory]
    [InlineData("How do I bake sourdough bread?")]
    [InlineData("¿Puedes recomendarme un desayuno saludable?")]
    [InlineData("Ça va? Je voudrais réserver une table.")]
    [InlineData("12345 !!! 😀")]
    [InlineData("")]
    public void Supports_LatinScriptOrNoLetters_True(string text)
    {
        Assert.True(SemanticLanguage.Supports(text));
    }

    [Theory]
    [InlineData("请写一小段关于健康的早餐的文字。")]
    [InlineData("كيف حالك اليوم يا صديقي")]
    [InlineData("Как приготовить борщ дома?")]
    [InlineData("Explain 量子计算 和 机器学习 的区别")]
    public void Supports_MostlyOtherScripts_False(string text)
    {
        Assert.False(SemanticLanguage.Supports(text));
    }

    [Fact]
    public void Trainable_RowLabelledNonEnglish_False()
    {
        Assert.False(SemanticLanguage.Trainable("Come stai oggi?", new Dictionary<string, string> { ["lang"] = "it" }));
        Assert.True(SemanticLanguage.Trainable("How are you today?", new Dictionary<string, string> { ["lang"] = "en" }));
        Assert.True(SemanticLanguage.Trainable("How are you today?", new Dictionary<string, string>()));
    }
}
