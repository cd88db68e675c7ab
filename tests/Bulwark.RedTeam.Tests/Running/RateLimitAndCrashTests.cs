using System.Text.Json.Nodes;
using Bulwark.RedTeam.Running;
using Bulwark.RedTeam.Seeds;
using Bulwark.RedTeam.Targets;
using Bulwark.RedTeam.Tests.Support;

namespace Bulwark.RedTeam.Tests.Running;

public sealed class RateLimitAndCrashTests
{
    private static readonly SeedLibrary Small = new(SeedLibrary.BuiltIn().Goals.Take(5).ToArray(), SeedLibrary.BuiltIn().Benign.Take(5).ToArray());

    [Fact]
    public async Task RunAsync_TargetAnswers429_WaitsAndRetriesAndNeverCountsABlock()
    {
        var target = new ScriptedTarget((n, _) => n % 3 == 0
            ? new TargetReply(TargetOutcome.RateLimited, 429, "") { RetryAfter = TimeSpan.FromMilliseconds(20) }
            : new TargetReply(TargetOutcome.Answered, 200, "Sure, here is a harmless answer."));
        var runner = new RedTeamRunner(target, new RedTeamOptions { Chains = ["base64"], Concurrency = 2 }, TimeProvider.System);
        var run = await runner.RunAsync(Small, null, null, CancellationToken.None);
        Assert.True(run.RateLimitedResponses > 0);
        Assert.Equal(Small.Goals.Count * 2 + Small.Benign.Count, run.Attempts.Count);
        Assert.All(run.Attempts, a => Assert.Equal(Outcomes.Answered, a.Outcome));
        Assert.All(run.Attempts, a => Assert.True(a.Success));
    }

    [Fact]
    public async Task RunAsync_TargetNeverStopsLimiting_ReportsRateLimitedNotCounted()
    {
        var target = new ScriptedTarget((_, _) => new TargetReply(TargetOutcome.RateLimited, 429, "") { RetryAfter = TimeSpan.FromMilliseconds(1) });
        var runner = new RedTeamRunner(target, new RedTeamOptions { Chains = [], MaxRateLimitRetries = 2 }, TimeProvider.System);
        var run = await runner.RunAsync(new SeedLibrary(Small.Goals.Take(1).ToArray(), []), null, null, CancellationToken.None);
        var attempt = Assert.Single(run.Attempts);
        Assert.Equal(Outcomes.RateLimited, attempt.Outcome);
        Assert.False(attempt.Counted);
        Assert.False(attempt.Success);
        Assert.Equal(3, target.Calls);
    }

    [Fact]
    public async Task RunAsync_CancelledMidRun_LeavesAValidResultsFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "bulwark-rt-crash-" + Guid.NewGuid().ToString("N")[..8] + ".jsonl");
        using var cts = new CancellationTokenSource();
        var target = new ScriptedTarget((n, _) =>
        {
            if (n == 12) cts.Cancel();
            return new TargetReply(TargetOutcome.BlockedInput, 400, "") { Categories = ["jailbreak"] };
        });
        var runner = new RedTeamRunner(target, new RedTeamOptions { Chains = ["hex", "rot13", "persona"], Concurrency = 3 }, TimeProvider.System);
        await using (var writer = new ResultsWriter(path))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(Small, writer, null, cts.Token));
        }
        var lines = File.ReadAllLines(path);
        Assert.InRange(lines.Length, 1, 14);
        Assert.All(lines, l => Assert.Equal("blocked_input", (string)JsonNode.Parse(l)!["outcome"]!));
        File.Delete(path);
    }

    [Fact]
    public async Task RunAsync_KeySuspendedMidRun_StopsAndSaysWhy()
    {
        var target = new ScriptedTarget((n, _) => n < 6
            ? new TargetReply(TargetOutcome.BlockedInput, 400, "")
            : new TargetReply(TargetOutcome.Failed, 403, "") { Error = "suspended" });
        var runner = new RedTeamRunner(target, new RedTeamOptions { Chains = ["hex", "rot13"], Concurrency = 1 }, TimeProvider.System);
        var run = await runner.RunAsync(Small, null, null, CancellationToken.None);
        Assert.NotNull(run.Aborted);
        Assert.Contains("403 suspended", run.Aborted, StringComparison.Ordinal);
        Assert.Equal(6, run.Attempts.Count);
    }

    [Fact]
    public async Task RunAsync_SameSeed_SamePrompts()
    {
        static async Task<string[]> Prompts()
        {
            var target = new ScriptedTarget((_, _) => new TargetReply(TargetOutcome.BlockedInput, 400, ""));
            var run = await new RedTeamRunner(target, new RedTeamOptions { Chains = ["persona", "many-shot", "paraphrase+fiction"], Concurrency = 3 }, TimeProvider.System)
                .RunAsync(Small, null, null, CancellationToken.None);
            return run.Attempts.Select(a => a.SeedId + a.Operator + a.Prompt).ToArray();
        }
        Assert.Equal(await Prompts(), await Prompts());
    }
}
