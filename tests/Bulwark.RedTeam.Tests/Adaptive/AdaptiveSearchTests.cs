using Bulwark.RedTeam.Adaptive;
using Bulwark.RedTeam.Operators;
using Bulwark.RedTeam.Running;
using Bulwark.RedTeam.Seeds;
using Bulwark.RedTeam.Targets;
using Bulwark.RedTeam.Tests.Support;

namespace Bulwark.RedTeam.Tests.Adaptive;

public sealed class AdaptiveSearchTests
{
    [Fact]
    public async Task Adaptive_TargetRevealsScores_KeepsWhatGetsThrough()
    {
        // A toy target that only lets through requests carrying both a base64 payload and a persona wrapper.
        var target = new ScriptedTarget((_, turns) =>
        {
            var text = turns[^1].Text;
            var encoded = text.Contains(Base64Operator.Instruction.Trim(), StringComparison.Ordinal);
            var persona = text.Contains("NOVA", StringComparison.Ordinal) || text.Contains("Grandma", StringComparison.Ordinal) || text.Contains("developer mode", StringComparison.Ordinal);
            return encoded && persona
                ? new TargetReply(TargetOutcome.Answered, 200, "ok")
                : new TargetReply(TargetOutcome.BlockedInput, 400, "") { Score = encoded || persona ? 0.6 : 0.95 };
        });
        var runner = new RedTeamRunner(target, new RedTeamOptions { Chains = [], Adaptive = true, Budget = 60, Concurrency = 1 }, TimeProvider.System);
        var run = await runner.RunAsync(new SeedLibrary(SeedLibrary.BuiltIn().Goals.Take(6).ToArray(), []), null, null, CancellationToken.None);
        Assert.NotNull(run.Adaptive);
        Assert.All(run.Adaptive, o => Assert.NotNull(o.QueriesToSuccess));
        Assert.All(run.Adaptive, o => Assert.Contains("base64", o.WinningChain!, StringComparison.Ordinal));
        // Later goals reuse the winning chain, so they need far fewer queries than the first.
        Assert.True(run.Adaptive.Skip(1).Max(o => o.QueriesToSuccess) <= 2);
        Assert.Equal(run.Adaptive.Sum(o => o.QueriesSpent), run.Attempts.Count(a => a.Adaptive));
    }

    [Fact]
    public void Feedback_RevealedScoreOrBlockKind_OrdersCandidates()
    {
        Assert.Equal(0.42, AdaptiveSearch.Feedback(new TargetReply(TargetOutcome.BlockedInput, 400, "") { Score = 0.42 }));
        Assert.True(AdaptiveSearch.Feedback(new TargetReply(TargetOutcome.BlockedOutput, 200, ""))
                    < AdaptiveSearch.Feedback(new TargetReply(TargetOutcome.BlockedInput, 400, "") { Categories = ["jailbreak"] }));
        Assert.True(AdaptiveSearch.Feedback(new TargetReply(TargetOutcome.BlockedInput, 400, "") { Categories = ["jailbreak"] })
                    < AdaptiveSearch.Feedback(new TargetReply(TargetOutcome.BlockedInput, 400, "") { Categories = ["jailbreak", "harmful"] }));
    }
}
