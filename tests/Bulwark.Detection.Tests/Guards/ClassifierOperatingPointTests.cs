using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Detection.Guards;

namespace Bulwark.Detection.Tests.Guards;

public sealed class ClassifierOperatingPointTests
{
    private static readonly PolicyDefinition Policy = DefaultPolicies.Default;

    [Fact]
    public void ApplyOperatingPoint_ScoreBetweenAnchorAndBlockConfidence_CappedBelowAnchorAndPolicyFlags()
    {
        var (findings, capped) = ClassifierGuard.ApplyOperatingPoint([new Finding(Categories.Jailbreak, 0.9)], 0.98);
        Assert.True(capped);
        Assert.True(findings[0].Score < ScoreAnchors.Attack);
        // The guard only lowered the score; the default policy's flag band turns it into a Flag.
        var (action, _, _) = GuardPipeline.Decide(new GuardResult { Findings = findings }, Policy);
        Assert.Equal(GuardAction.Flag, action);
    }

    [Fact]
    public void ApplyOperatingPoint_ScoreAtBlockConfidence_StillBlocks()
    {
        var (findings, capped) = ClassifierGuard.ApplyOperatingPoint([new Finding(Categories.Jailbreak, 0.99)], 0.98);
        Assert.False(capped);
        Assert.Equal(GuardAction.Block, GuardPipeline.Decide(new GuardResult { Findings = findings }, Policy).Action);
    }

    [Fact]
    public void ApplyOperatingPoint_ZeroBlockConfidence_LeavesScoresUnchanged()
    {
        var (findings, capped) = ClassifierGuard.ApplyOperatingPoint([new Finding(Categories.Harmful, 0.75), new Finding(Categories.Jailbreak, 0.2)], 0);
        Assert.False(capped);
        Assert.Equal([0.75, 0.2], findings.Select(f => f.Score));
    }
}
