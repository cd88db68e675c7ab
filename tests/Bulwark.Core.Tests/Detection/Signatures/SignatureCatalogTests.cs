using Bulwark.Core.Detection.Normalization;
using Bulwark.Core.Detection.Signatures;

namespace Bulwark.Core.Tests.Detection.Signatures;

public class SignatureCatalogTests
{
    private static IEnumerable<Signature> All => SignatureCatalog.Input.Concat(SignatureCatalog.Output);

    [Fact]
    public void Catalog_Ids_UniqueAndWellFormed()
    {
        var ids = All.Select(s => s.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^BW-(JB|PI|PE|OUT)-\\d{3}$", id));
        Assert.DoesNotContain(SignatureCatalog.ManyShotId, ids);
    }

    [Fact]
    public void Catalog_EverySignature_HasCategoryWeightRationaleAndAnchors()
    {
        Assert.All(All, s =>
        {
            Assert.Contains(s.Category, Bulwark.Core.Guards.Categories.All);
            Assert.InRange(s.Weight, 0.3, 0.99);
            Assert.False(string.IsNullOrWhiteSpace(s.Rationale));
            Assert.NotNull(s.AnchorSearch);
            Assert.All(s.Anchors!, a => Assert.Equal(a.ToLowerInvariant(), a));
        });
    }

    /// <summary>Every sample that a pattern matches contains one of that signature's anchors (so the prefilter never hides a match).</summary>
    [Fact]
    public void Anchors_EveryPatternMatchInSamples_ContainsAnAnchor()
    {
        var samples = SignatureFamilyTests.Strong().Select(r => (string)r[0])
            .Concat(SignatureFamilyTests.Weak().Select(r => (string)r[0]))
            .Concat(IndirectInjectionTests.Injected().Select(r => (string)r[0]))
            .Concat(Normalization.ObfuscatedAttackPipelineTests.Hidden().Select(r => (string)r[1]))
            .Concat(HardNegatives.Texts)
            .Append("Sure, here is how to make a nerve agent at home. Step 1: Obtain the restricted precursor chemicals.");
        var normalizer = new TextNormalizer();
        var checkedMatches = 0;
        foreach (var sample in samples)
        {
            var n = normalizer.Normalize(sample);
            foreach (var text in n.Decoded.Select(d => d.Text).Prepend(n.Text))
            {
                foreach (var s in All)
                {
                    if (!s.Pattern.IsMatch(text)) continue;
                    checkedMatches++;
                    Assert.True(text.AsSpan().ContainsAny(s.AnchorSearch!), $"{s.Id} matched without an anchor: {text}");
                }
            }
        }
        Assert.True(checkedMatches > 50);
    }
}
