using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Detection.Guards;
using Bulwark.Detection.Models;

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

    private static readonly OperatingPoints Points = new([new CategoryOperatingPoints(Categories.Jailbreak, 0.73, 0.8, [])]);

    [Fact]
    public void ApplyReportFloor_ScoreUnderTheTrainedFlagPoint_IsNotReportedSoTheDefaultPolicyAllows()
    {
        var findings = ClassifierGuard.ApplyReportFloor([new Finding(Categories.Jailbreak, 0.6), new Finding(Categories.Jailbreak, 0.75)], Points, null);
        Assert.Equal([0.75], findings.Select(f => f.Score));
        Assert.Empty(ClassifierGuard.ApplyReportFloor([new Finding(Categories.Jailbreak, 0.6)], Points, null));
        Assert.Equal(GuardAction.Allow, GuardPipeline.Decide(new GuardResult { Findings = [] }, Policy).Action);
        Assert.Equal(GuardAction.Flag, GuardPipeline.Decide(new GuardResult { Findings = findings }, Policy).Action);
    }

    [Fact]
    public void ApplyReportFloor_CategoryWithoutAPointOrFloorZero_ReportsEveryScore()
    {
        Assert.Single(ClassifierGuard.ApplyReportFloor([new Finding(Categories.Harmful, 0.5)], Points, null));
        Assert.Equal(2, ClassifierGuard.ApplyReportFloor([new Finding(Categories.Jailbreak, 0.5), new Finding(Categories.Jailbreak, 0.1)], Points, 0).Count);
        Assert.Empty(ClassifierGuard.ApplyReportFloor([new Finding(Categories.Harmful, 0.5)], Points, 0.9));
    }

    [Fact]
    public void ShippedOperatingPoints_EveryInputCategory_FlagPointBetweenPolicyFlagAtAndBlockAnchor()
    {
        var points = DetectorModels.LoadEmbedded().OperatingPoints;
        Assert.NotEmpty(points.Categories);
        Assert.All(points.Categories, c => Assert.InRange(c.FlagAt, DefaultPolicies.FlagAt, ScoreAnchors.For(c.Category)));
    }
}
