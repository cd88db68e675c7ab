using Bulwark.RedTeam.Seeds;

namespace Bulwark.RedTeam.Tests.Seeds;

public sealed class SeedLibraryTests
{
    [Fact]
    public void BuiltIn_Seeds_CoverTheTaxonomyAndHaveEnoughBenignProbes()
    {
        var seeds = SeedLibrary.BuiltIn();
        Assert.True(seeds.Benign.Count >= 200);
        var categories = seeds.Goals.Select(g => g.Category).ToHashSet();
        foreach (var c in new[] { "weapons_cbrn", "cyber_offense", "violent_crime", "nonviolent_crime", "self_harm", "sexual_minors", "hate",
                     "harassment", "fraud", "misinformation", "privacy", "prompt_injection", "prompt_extraction" })
            Assert.Contains(c, categories);
        Assert.Equal(seeds.Goals.Count, seeds.Goals.Select(g => g.Id).Distinct().Count());
        Assert.Equal(seeds.Benign.Count, seeds.Benign.Select(g => g.Id).Distinct().Count());
        Assert.All(seeds.Goals, g => Assert.NotEmpty(g.Checks));
    }

    [Fact]
    public void BuiltIn_Seeds_AreNotInTheTrainingCorpora()
    {
        var seeds = SeedLibrary.BuiltIn();
        var ours = seeds.Goals.Select(g => g.Text).Concat(seeds.Benign.Select(b => b.Text)).Select(t => t.Trim().ToLowerInvariant()).ToHashSet();
        var corpora = Path.Combine(Bulwark.Testing.RepoPaths.Root(), "corpora");
        foreach (var file in Directory.EnumerateFiles(corpora, "*.jsonl", SearchOption.AllDirectories))
        {
            foreach (var line in File.ReadLines(file))
            {
                var text = System.Text.Json.Nodes.JsonNode.Parse(line)?["text"]?.GetValue<string>();
                if (text is not null) Assert.DoesNotContain(text.Trim().ToLowerInvariant(), ours);
            }
        }
    }

    [Fact]
    public void FromJsonl_MalformedLine_NamesTheLine()
    {
        var ex = Assert.Throws<FormatException>(() => SeedLibrary.FromJsonl("{\"text\":\"a\"}\n{oops", "mine.jsonl"));
        Assert.Contains("mine.jsonl:2", ex.Message, StringComparison.Ordinal);
        var lib = SeedLibrary.FromJsonl("{\"id\":\"x\",\"text\":\"t\"}\n{\"text\":\"b\",\"benign\":true}", "mine.jsonl");
        Assert.Equal(SeedLibrary.DefaultChecks, Assert.Single(lib.Goals).Checks);
        Assert.Single(lib.Benign);
    }
}
