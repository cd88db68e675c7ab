using Bulwark.Core.Conversations;
using Bulwark.Core.Detection.Limits;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;

namespace Bulwark.Core.Tests.Detection.Limits;

public class LimitsGuardTests
{
    private static readonly PolicyDefinition Small = DefaultPolicies.SignaturesOnly with
    {
        Name = "small",
        Limits = new PolicyLimits { MaxMessages = 3, MaxTotalCharacters = 100, MaxTokens = 1000 },
    };

    private static async Task<GuardResult> Inspect(Conversation conversation, GuardStage stage = GuardStage.Input)
    {
        var policy = CorePipeline.Registry.Build(Small);
        var context = new GuardContext { Stage = stage, Conversation = conversation, Policy = policy };
        return await new LimitsGuard().InspectAsync(context, CancellationToken.None);
    }

    private static Conversation Messages(int count, int charsEach = 5) =>
        new("m", Enumerable.Range(0, count).Select(_ => ConversationMessage.FromText(MessageRole.User, new string('x', charsEach))).ToArray());

    [Fact]
    public void Placement_BeforeNormalization() => Assert.Equal(GuardPlacement.BeforeNormalization, ((IGuard)new LimitsGuard()).Placement);

    [Fact]
    public async Task Inspect_WithinLimits_Clean() => Assert.Same(GuardResult.Clean, await Inspect(Messages(3, 33)));

    [Fact]
    public async Task Inspect_TooManyMessages_CertainLimitsFinding()
    {
        var result = await Inspect(Messages(4));
        Assert.Equal(1.0, result.Findings[0].Score);
        Assert.Equal(LimitsGuard.RuleMessages, result.Findings[0].RuleId);
        Assert.Equal(Categories.Limits, result.Findings[0].Category);
    }

    [Fact]
    public async Task Inspect_TooManyCharacters_CertainLimitsFinding()
    {
        var result = await Inspect(Messages(2, 51));
        Assert.Equal(1.0, result.Findings[0].Score);
        Assert.Equal(LimitsGuard.RuleCharacters, result.Findings[0].RuleId);
    }

    [Fact]
    public async Task Inspect_MaxTokensAboveLimit_CertainLimitsFinding()
    {
        var result = await Inspect(Messages(1) with { MaxTokens = 1001 });
        Assert.Equal(1.0, result.Findings[0].Score);
        Assert.Equal(LimitsGuard.RuleMaxTokens, result.Findings[0].RuleId);
    }

    [Fact]
    public async Task Inspect_MaxTokensAtLimit_Clean() => Assert.Empty((await Inspect(Messages(1) with { MaxTokens = 1000 })).Findings);

    [Fact]
    public async Task Inspect_OutputStage_Clean() => Assert.Same(GuardResult.Clean, await Inspect(Messages(10, 100), GuardStage.Output));

    [Fact]
    public async Task Inspect_Reason_DoesNotContainText()
    {
        var conversation = new Conversation("m", [ConversationMessage.FromText(MessageRole.User, "secret-text-" + new string('z', 200))]);
        var result = await Inspect(conversation);
        Assert.DoesNotContain("secret-text", result.Reason);
    }

    [Fact]
    public void Evaluate_OversizedThroughPipeline_BlockedByLimits()
    {
        var policy = CorePipeline.Registry.Build(Small);
        var verdict = CorePipeline.Input(Messages(1, 500), policy);
        Assert.True(verdict.IsBlocked);
        Assert.Equal([Categories.Limits], verdict.Categories);
        Assert.Equal("limits", Assert.Single(verdict.Guards).Name);
    }
}
