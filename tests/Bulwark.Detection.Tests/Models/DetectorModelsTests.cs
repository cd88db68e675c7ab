using Bulwark.Core.Guards;
using Bulwark.Detection.Models;

namespace Bulwark.Detection.Tests.Models;

public class DetectorModelsTests
{
    [Fact]
    public void LoadEmbedded_ShippedWeights_HaveTheExpectedHeads()
    {
        var models = DetectorModels.LoadEmbedded();
        Assert.Equal([Categories.Jailbreak, Categories.PromptInjection, Categories.PromptExtraction, Categories.Harmful], models.Input.Heads);
        Assert.Equal([Categories.HarmfulOutput], models.Output.Heads);
        Assert.All(models.Input.Thresholds, t => Assert.InRange(t, 0.01f, 0.99f));
    }

    [Fact]
    public void WriteTo_ThenLoadDirectory_RoundTrips()
    {
        var models = DetectorModels.LoadEmbedded();
        var dir = Path.Combine(Path.GetTempPath(), "bulwark-test-models-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            models.WriteTo(dir);
            var loaded = DetectorModels.LoadDirectory(dir);
            Assert.Equal(models.Input.Heads, loaded.Input.Heads);
            Assert.Equal(models.Input.Thresholds, loaded.Input.Thresholds);
            Assert.Equal(models.Semantic is null, loaded.Semantic is null);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ModelProvider_LoaderThrows_GetThrowsEveryTimeAndLogsOnce()
    {
        var logged = new List<string>();
        var provider = new ModelProvider(() => throw new FileNotFoundException("gone"), "test", logged.Add);
        Assert.Throws<InvalidOperationException>(() => provider.Get());
        Assert.Throws<InvalidOperationException>(() => provider.Get());
        Assert.Single(logged);
        Assert.Contains("fail closed", logged[0]);
    }
}
