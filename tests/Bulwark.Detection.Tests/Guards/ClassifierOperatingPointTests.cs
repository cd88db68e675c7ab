using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Detection.Guards;

namespace Bulwark.Detection.Tests.Guards;

public sealed class ClassifierOperatingPointTests
{
    private static readonly PolicyDefinition Policy = DefaultPolicies.Default;

    [Fact]
    public void ApplyOperatingPoint_ScoreBetweenThresholdAndBlockConfidence_CappedBelowThresholdAndFlagged()
    {
        var (findings, flag) = ClassifierGuard.ApplyOperatingPoint([new Finding(Categories.Jailbreak, 0.9)], Policy, 0.98);
        Assert.True(flag);
        Assert.True(findings[0].Score < Policy.RuleFor(Categories.Jailbreak).Threshold);
        var (action, _, _) = GuardPipeline.Decide(new GuardResult { Findings = findings, ForcedAction = GuardAction.Flag }, Policy);
        Assert.Equal(GuardAction.Flag, action);
    }

    [Fact]
    public void ApplyOperatingPoint_ScoreAtBlockConfidence_StillBlocks()
    {
        var (findings, flag) = ClassifierGuard.ApplyOperatingPoint([new Finding(Categories.Jailbreak, 0.99)], Policy, 0.98);
        Assert.False(flag);
        Assert.Equal(GuardAction.Block, GuardPipeline.Decide(new GuardResult { Findings = findings }, Policy).Action);
    }

    [Fact]
    public void ApplyOperatingPoint_ZeroBlockConfidence_LeavesScoresUnchanged()
    {
        var (findings, flag) = ClassifierGuard.ApplyOperatingPoint([new Finding(Categories.Harmful, 0.75), new Finding(Categories.Jailbreak, 0.2)], Policy, 0);
        Assert.False(flag);
        Assert.Equal([0.75, 0.2], findings.Select(f => f.Score));
    }
}
