using Bulwark.Core.Detection;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Core.Tests.Guards;

namespace Bulwark.Core.Tests.Policies;

public class DefaultPoliciesTests
{
    [Fact]
    public void All_Validate_NoErrors()
    {
        foreach (var p in DefaultPolicies.All) Assert.Empty(p.Validate());
    }

    [Fact]
    public void All_NamesAndHashes_Distinct()
    {
        Assert.Equal(DefaultPolicies.All.Count, DefaultPolicies.All.Select(p => p.Name).Distinct().Count());
        Assert.Equal(DefaultPolicies.All.Count, DefaultPolicies.All.Select(p => p.ComputeHash()).Distinct().Count());
    }

    [Fact]
    public void Default_HasContractedGuardsAndSettings()
    {
        var d = DefaultPolicies.Default;
        Assert.Equal("default", d.Name);
        Assert.Equal(["limits", "normalize", "signatures", "classifier"], d.InputGuards);
        Assert.Equal(["output_signatures", "output_classifier"], d.OutputGuards);
        Assert.Equal(GuardAction.Block, d.OnGuardError);
        Assert.Equal(TimeSpan.FromSeconds(2), d.GuardTimeout);
        Assert.Equal(64, d.StreamWindowCharacters);
    }

    [Fact]
    public void Default_BlocksAttackAndHarmCategoriesAndFlagsObfuscation()
    {
        var d = DefaultPolicies.Default;
        foreach (var c in new[] { Categories.Jailbreak, Categories.PromptInjection, Categories.PromptExtraction }.Concat(Categories.Harms))
            Assert.Equal(GuardAction.Block, d.RuleFor(c).Action);
        Assert.Equal(GuardAction.Flag, d.RuleFor(Categories.Obfuscation).Action);
    }

    [Fact]
    public void Default_StrongSignatureBlocksWeakFlags()
    {
        var rule = DefaultPolicies.Default.RuleFor(Categories.Jailbreak);
        Assert.True(Bulwark.Core.Detection.Signatures.SignatureCatalog.Strong >= rule.BlockAt);
        Assert.True(Bulwark.Core.Detection.Signatures.SignatureCatalog.Weak < rule.BlockAt);
        Assert.True(Bulwark.Core.Detection.Signatures.SignatureCatalog.Weak >= rule.FlagAt);
    }

    [Fact]
    public void SignaturesOnly_HasNoLearnedGuards()
    {
        Assert.Equal(["limits", "normalize", "signatures"], DefaultPolicies.SignaturesOnly.InputGuards);
        Assert.Equal(["output_signatures"], DefaultPolicies.SignaturesOnly.OutputGuards);
    }

    [Fact]
    public void Permissive_NeverBlocksExceptLimits()
    {
        var p = DefaultPolicies.Permissive;
        foreach (var (category, rule) in p.CategoryRules)
            Assert.True(rule.Action != GuardAction.Block || category == Categories.Limits, category);
        Assert.NotEqual(GuardAction.Block, p.DefaultRule.Action);
        Assert.NotEqual(GuardAction.Block, p.OnGuardError);
    }

    [Fact]
    public void Off_HasNoGuards()
    {
        Assert.Empty(DefaultPolicies.Off.InputGuards);
        Assert.Empty(DefaultPolicies.Off.OutputGuards);
    }

    [Theory]
    [InlineData("default", "default")]
    [InlineData("DEFAULT", "default")]
    [InlineData("signatures-only", "signatures-only")]
    [InlineData("signatures_only", "signatures-only")]
    [InlineData("permissive", "permissive")]
    [InlineData("off", "off")]
    public void ByName_KnownName_ReturnsPolicy(string name, string expected) => Assert.Equal(expected, DefaultPolicies.ByName(name)?.Name);

    [Theory]
    [InlineData("")]
    [InlineData("strict")]
    public void ByName_UnknownName_Null(string name) => Assert.Null(DefaultPolicies.ByName(name));

    [Fact]
    public void RegisterCoreGuards_RegistersTheFiveCoreGuards()
    {
        var registry = CoreGuards.RegisterCoreGuards(new GuardRegistry());
        Assert.Equal(["limits", "normalize", "output_signatures", "pii", "signatures"], registry.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Build_DefaultWithCoreAndLearnedGuards_KeepsPolicyOrder()
    {
        var registry = CoreGuards.RegisterCoreGuards(new GuardRegistry())
            .Add(FakeGuard.Returning("classifier", 10, GuardResult.Clean))
            .Add(FakeGuard.Returning("output_classifier", 10, GuardResult.Clean));
        var policy = registry.Build(DefaultPolicies.Default);
        Assert.Equal(["limits", "normalize", "signatures", "classifier"], policy.InputGuards.Select(g => g.Name));
        Assert.Equal(["output_signatures", "output_classifier"], policy.OutputGuards.Select(g => g.Name));
    }

    [Fact]
    public void Build_SignaturesOnlyWithCoreGuards_Succeeds()
    {
        var policy = CoreGuards.RegisterCoreGuards(new GuardRegistry()).Build(DefaultPolicies.SignaturesOnly);
        Assert.Equal("signatures-only", policy.Name);
    }
}
