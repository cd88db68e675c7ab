using Bulwark.Core.Conversations;
using Bulwark.Core.Detection.Normalization;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;

namespace Bulwark.Core.Tests.Guards;

public class GuardPipelineTests
{
    private static readonly GuardPipeline Pipeline = new(new TextNormalizer(), TimeProvider.System);

    private static PolicyDefinition Definition(IEnumerable<string> input, GuardAction onError = GuardAction.Block, double timeoutSeconds = 2,
        Dictionary<string, CategoryRule>? rules = null) => new()
    {
        Name = "test",
        InputGuards = input.ToArray(),
        OutputGuards = input.ToArray(),
        OnGuardError = onError,
        GuardTimeout = TimeSpan.FromSeconds(timeoutSeconds),
        CategoryRules = rules ?? new Dictionary<string, CategoryRule>
        {
            ["jailbreak"] = new(GuardAction.Block, 0.8),
            ["obfuscation"] = new(GuardAction.Flag, 0.4),
        },
        DefaultRule = new(GuardAction.Block, 0.5),
    };

    private static Verdict Run(PolicyDefinition definition, params IGuard[] guards)
    {
        var registry = new GuardRegistry();
        foreach (var g in guards) registry.Add(g);
        var policy = registry.Build(definition);
        return Pipeline.EvaluateInputAsync(policy, Conversation.SingleUser("hello there"), CallerInfo.Anonymous, "r", CancellationToken.None)
            .AsTask().GetAwaiter().GetResult();
    }

    [Fact]
    public void Evaluate_GuardsPlacedDifferently_RawFirstThenPolicyOrder()
    {
        var log = new List<string>();
        var offloaded = FakeGuard.Returning("offloaded", 10, GuardResult.Clean, log);
        var normalised = FakeGuard.Returning("normalised", 1, GuardResult.Clean, log);
        var raw = FakeGuard.Returning("raw", 0, GuardResult.Clean, log);
        var verdict = Run(Definition(["offloaded", "normalised", "raw"]), offloaded, normalised, raw);
        Assert.Equal(["raw", "offloaded", "normalised"], log);
        Assert.Equal(GuardAction.Allow, verdict.Action);
        Assert.Equal(["raw", "offloaded", "normalised"], verdict.Guards.Select(g => g.Name));
    }

    [Fact]
    public void Evaluate_BlockingGuard_StopsLaterGuards()
    {
        var blocker = FakeGuard.Returning("blocker", 1, GuardResult.Of(new Finding("jailbreak", 0.95, "R1")));
        var later = FakeGuard.Returning("later", 5, GuardResult.Clean);
        var verdict = Run(Definition(["blocker", "later"]), blocker, later);
        Assert.Equal(GuardAction.Block, verdict.Action);
        Assert.Equal(0, later.Calls);
        Assert.Equal(["jailbreak"], verdict.Categories);
        Assert.Contains("R1", verdict.RuleIds);
        Assert.Equal(0.95, verdict.Score);
    }

    [Fact]
    public void Evaluate_CostZeroBlock_SkipsNormalisationAndLaterGuards()
    {
        var limits = new FakeGuard("limits", 0, (_, _) => ValueTask.FromResult(GuardResult.Certain("limits", "too big", "L1")));
        var later = FakeGuard.Returning("later", 1, GuardResult.Clean);
        var verdict = Run(Definition(["limits", "later"]), limits, later);
        Assert.True(verdict.IsBlocked);
        Assert.Equal(0, later.Calls);
        Assert.Single(verdict.Guards);
        Assert.Empty(limits.LastContext!.Segments); // cost-0 guards see the raw request, before normalisation
    }

    [Fact]
    public async Task Evaluate_GuardAfterNormalisation_SeesNormalisedSegments()
    {
        var probe = FakeGuard.Returning("probe", 1, GuardResult.Clean);
        var registry = new GuardRegistry().Add(probe);
        var policy = registry.Build(Definition(["probe"]));
        await Pipeline.EvaluateInputAsync(policy, Conversation.SingleUser("ＨＥＬＬＯ" + ObfuscationTags()), CallerInfo.Anonymous, "r", CancellationToken.None);
        var segments = probe.LastContext!.Segments;
        Assert.Equal("hello", segments[0].Text);
        Assert.Contains(segments, s => s.Derivation == "tag_chars" && s.Text == "hi");
        Assert.Contains(probe.LastContext.NormalizationNotes, n => n.StartsWith("tag_chars", StringComparison.Ordinal));
    }

    private static string ObfuscationTags() => char.ConvertFromUtf32(0xE0068) + char.ConvertFromUtf32(0xE0069);

    [Fact]
    public void Evaluate_GuardThrows_OnGuardErrorBlock()
    {
        var thrower = new FakeGuard("thrower", 1, (_, _) => throw new InvalidOperationException("boom"));
        var verdict = Run(Definition(["thrower"]), thrower);
        Assert.True(verdict.IsBlocked);
        Assert.Contains(Categories.GuardError, verdict.Categories);
        Assert.Equal("InvalidOperationException", verdict.Guards[0].Error);
    }

    [Fact]
    public void Evaluate_GuardFaultsAsynchronously_OnGuardErrorBlock()
    {
        var thrower = new FakeGuard("async", 1, async (_, ct) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("later");
        });
        var verdict = Run(Definition(["async"]), thrower);
        Assert.True(verdict.IsBlocked);
        Assert.True(verdict.Guards[0].Failed);
    }

    [Fact]
    public void Evaluate_GuardNeverCompletes_TimeoutBecomesBlock()
    {
        var never = new TaskCompletionSource<GuardResult>();
        var hang = new FakeGuard("hang", 1, (_, _) => new ValueTask<GuardResult>(never.Task));
        var verdict = Run(Definition(["hang"], timeoutSeconds: 0.2), hang);
        Assert.True(verdict.IsBlocked);
        Assert.Equal("timeout", verdict.Guards[0].Error);
        Assert.Contains(Categories.GuardError, verdict.Categories);
    }

    [Fact]
    public void Evaluate_GuardHonoursCancellationOnTimeout_TimeoutBecomesBlock()
    {
        var slow = new FakeGuard("slow", 1, async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return GuardResult.Clean;
        });
        var verdict = Run(Definition(["slow"], timeoutSeconds: 0.2), slow);
        Assert.True(verdict.IsBlocked);
        Assert.Equal("timeout", verdict.Guards[0].Error);
    }

    [Fact]
    public void Evaluate_ExpensiveGuardBlocksSynchronously_TimeoutStillBecomesBlock()
    {
        using var release = new ManualResetEventSlim(false);
        // Synchronous work that ignores its token, like a model call; released after the test so no thread leaks.
        var sync = new FakeGuard("sync-model", 5, (_, _) =>
        {
            release.Wait(TimeSpan.FromSeconds(30));
            return ValueTask.FromResult(GuardResult.Clean);
        });
        var verdict = Run(Definition(["sync-model"], timeoutSeconds: 0.2), sync);
        release.Set();
        Assert.True(verdict.IsBlocked);
        Assert.Equal("timeout", verdict.Guards[0].Error);
    }

    [Fact]
    public void Evaluate_GuardThrowsAfterItsTimeoutFired_ReportedAsTimeout()
    {
        var terminated = new FakeGuard("onnx-like", 5, (_, ct) =>
        {
            ct.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
            throw new InvalidOperationException("terminate flag set");
        });
        var verdict = Run(Definition(["onnx-like"], timeoutSeconds: 0.2), terminated);
        Assert.True(verdict.IsBlocked);
        Assert.Equal("timeout", verdict.Guards[0].Error);
    }

    [Fact]
    public void Evaluate_GuardThrowsWithOnGuardErrorAllow_AllowedAndRecorded()
    {
        var thrower = new FakeGuard("thrower", 1, (_, _) => throw new InvalidOperationException());
        var after = FakeGuard.Returning("after", 2, GuardResult.Clean);
        var verdict = Run(Definition(["thrower", "after"], onError: GuardAction.Allow), thrower, after);
        Assert.Equal(GuardAction.Allow, verdict.Action);
        Assert.True(verdict.Guards[0].Failed);
        Assert.Equal(1, after.Calls);
    }

    [Fact]
    public void Evaluate_GuardThrowsWithOnGuardErrorFlag_Flagged()
    {
        var thrower = new FakeGuard("thrower", 1, (_, _) => throw new InvalidOperationException());
        var verdict = Run(Definition(["thrower"], onError: GuardAction.Flag), thrower);
        Assert.Equal(GuardAction.Flag, verdict.Action);
    }

    [Theory]
    [InlineData(0.79, GuardAction.Allow)]
    [InlineData(0.8, GuardAction.Block)]
    [InlineData(0.99, GuardAction.Block)]
    public void Evaluate_JailbreakScoreAgainstThreshold_ActionFollowsRule(double score, GuardAction expected)
    {
        var guard = FakeGuard.Returning("g", 1, GuardResult.Of(new Finding("jailbreak", score)));
        Assert.Equal(expected, Run(Definition(["g"]), guard).Action);
    }

    [Fact]
    public void Evaluate_FlagRuleCategoryOverThreshold_Flagged()
    {
        var guard = FakeGuard.Returning("g", 1, GuardResult.Of(new Finding("obfuscation", 0.9)));
        var verdict = Run(Definition(["g"]), guard);
        Assert.Equal(GuardAction.Flag, verdict.Action);
        Assert.Equal(["obfuscation"], verdict.Categories);
    }

    [Fact]
    public void Evaluate_UnlistedCategory_UsesDefaultRule()
    {
        var guard = FakeGuard.Returning("g", 1, GuardResult.Of(new Finding("fraud", 0.6)));
        Assert.Equal(GuardAction.Block, Run(Definition(["g"]), guard).Action);
    }

    [Fact]
    public void Evaluate_NaNScore_Ignored()
    {
        var guard = FakeGuard.Returning("g", 1, GuardResult.Of(new Finding("jailbreak", double.NaN)));
        Assert.NotEqual(GuardAction.Block, Run(Definition(["g"]), guard).Action);
    }

    [Fact]
    public void Evaluate_FlagThenBlock_VerdictIsBlockWithBlockingCategoriesOnly()
    {
        var flagger = FakeGuard.Returning("flagger", 1, GuardResult.Of(new Finding("obfuscation", 0.5)));
        var blocker = FakeGuard.Returning("blocker", 2, GuardResult.Of(new Finding("jailbreak", 0.9)));
        var verdict = Run(Definition(["flagger", "blocker"]), flagger, blocker);
        Assert.Equal(GuardAction.Block, verdict.Action);
        Assert.Equal(["jailbreak"], verdict.Categories);
        Assert.Contains("blocker", verdict.Reason);
    }

    [Fact]
    public void Evaluate_ScoreInFlagBand_Flagged()
    {
        var guard = FakeGuard.Returning("g", 1, new GuardResult { Findings = [new Finding("jailbreak", 0.5)] });
        var verdict = Run(Definition(["g"]) with { CategoryRules = new Dictionary<string, CategoryRule> { ["jailbreak"] = new(0.45, 0.8) } }, guard);
        Assert.Equal(GuardAction.Flag, verdict.Action);
        Assert.Contains("jailbreak", verdict.Categories);
    }

    [Fact]
    public async Task Evaluate_CallerCancellation_Propagates()
    {
        using var cts = new CancellationTokenSource();
        var guard = new FakeGuard("g", 1, (_, ct) =>
        {
            cts.Cancel();
            ct.ThrowIfCancellationRequested();
            return ValueTask.FromResult(GuardResult.Clean);
        });
        var policy = new GuardRegistry().Add(guard).Build(Definition(["g"]));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await Pipeline.EvaluateInputAsync(policy, Conversation.SingleUser("x"), CallerInfo.Anonymous, "r", cts.Token));
    }

    [Fact]
    public void Evaluate_NoGuards_Allowed()
    {
        var verdict = Run(Definition([]));
        Assert.Equal(GuardAction.Allow, verdict.Action);
        Assert.Empty(verdict.Guards);
    }

    [Fact]
    public async Task Evaluate_NormaliserThrows_OnGuardErrorBlock()
    {
        var pipeline = new GuardPipeline(new ThrowingNormalizer(), TimeProvider.System);
        var policy = new GuardRegistry().Add(FakeGuard.Returning("g", 1, GuardResult.Clean)).Build(Definition(["g"]));
        var verdict = await pipeline.EvaluateInputAsync(policy, Conversation.SingleUser("x"), CallerInfo.Anonymous, "r", CancellationToken.None);
        Assert.True(verdict.IsBlocked);
        Assert.Equal("normalize", verdict.Guards[0].Name);
    }

    [Fact]
    public async Task EvaluateOutput_SegmentsHoldWindowWithPrecedingContext()
    {
        var probe = FakeGuard.Returning("probe", 1, GuardResult.Clean);
        var policy = new GuardRegistry().Add(probe).Build(Definition(["probe"]));
        var soFar = new string('a', 300) + "BBBB";
        await Pipeline.EvaluateOutputAsync(policy, Conversation.SingleUser("x"), soFar, "BBBB", false, CallerInfo.Anonymous, "r", CancellationToken.None);
        var segment = Assert.Single(probe.LastContext!.Segments);
        Assert.EndsWith("bbbb", segment.Text);
        Assert.Equal(GuardPipeline.OutputContextCharacters + 4, segment.Text.Length);
    }

    private sealed class ThrowingNormalizer : ITextNormalizer
    {
        public NormalizedText Normalize(string text) => throw new InvalidOperationException("normaliser bug");
    }
}
