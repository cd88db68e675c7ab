using Bulwark.Core.Conversations;
using Bulwark.Core.Detection.Normalization;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Core.Tests.Guards;

namespace Bulwark.Core.Tests.Detection.Pipeline;

/// <summary>The inline fast path of costly guards: taken after a streak of quick runs, and still failing closed on a timeout.</summary>
public class GuardPipelineFastPathTests
{
    /// <summary>Long enough that a thread-pool hop on a loaded CI machine never times out by itself.</summary>
    private const double TimeoutSeconds = 2;

    private static PolicyDefinition Definition(string guard, double timeoutSeconds) => new()
    {
        Name = "fast-path",
        InputGuards = [guard],
        OutputGuards = [guard],
        OnGuardError = GuardAction.Block,
        GuardTimeout = TimeSpan.FromSeconds(timeoutSeconds),
        CategoryRules = new Dictionary<string, CategoryRule> { ["jailbreak"] = new(GuardAction.Block, 0.8) },
        DefaultRule = new(GuardAction.Block, 0.5),
    };

    private static Verdict Run(GuardPipeline pipeline, Policy policy) =>
        pipeline.EvaluateInputAsync(policy, Conversation.SingleUser("hello there"), CallerInfo.Anonymous, "r", CancellationToken.None)
            .AsTask().GetAwaiter().GetResult();

    /// <summary>Runs until the guard ran on the calling thread (a quick guard gets there after a streak; a busy machine may need more runs).</summary>
    private static bool RunUntilInline(GuardPipeline pipeline, Policy policy, List<int> threads)
    {
        var caller = Environment.CurrentManagedThreadId;
        for (var i = 0; i < 50 * GuardPipeline.FastPathStreak; i++)
        {
            Run(pipeline, policy);
            if (threads[^1] == caller) return true;
        }
        return false;
    }

    private static Policy Build(IGuard guard, double timeoutSeconds)
    {
        var registry = new GuardRegistry();
        registry.Add(guard);
        return registry.Build(Definition(guard.Name, timeoutSeconds));
    }

    [Fact]
    public void Evaluate_CostlyGuardQuickForAStreak_RunsOnTheCallingThread()
    {
        var pipeline = new GuardPipeline(new TextNormalizer(), TimeProvider.System);
        var threads = new List<int>();
        var guard = new FakeGuard("model", 5, (_, _) =>
        {
            threads.Add(Environment.CurrentManagedThreadId);
            return ValueTask.FromResult(GuardResult.Clean);
        });
        var policy = Build(guard, 30);
        var caller = Environment.CurrentManagedThreadId;

        var first = Run(pipeline, policy);
        var wentInline = RunUntilInline(pipeline, policy, threads);
        var inline = Run(pipeline, policy);

        Assert.Equal(GuardAction.Allow, first.Action);
        Assert.NotEqual(caller, threads[0]);
        Assert.True(wentInline);
        Assert.True(threads.Count > GuardPipeline.FastPathStreak);
        Assert.Equal(GuardAction.Allow, inline.Action);
    }

    [Fact]
    public void Evaluate_InlineGuardRunsPastItsTimeout_TimeoutBecomesBlockAndThreadPoolAgain()
    {
        var pipeline = new GuardPipeline(new TextNormalizer(), TimeProvider.System);
        var slow = false;
        var threads = new List<int>();
        // Ignores its token, like a synchronous model call that cannot be interrupted.
        var guard = new FakeGuard("model", 5, (_, _) =>
        {
            threads.Add(Environment.CurrentManagedThreadId);
            if (slow) Thread.Sleep(TimeSpan.FromSeconds(2.5));
            return ValueTask.FromResult(GuardResult.Clean);
        });
        var policy = Build(guard, TimeoutSeconds);
        var caller = Environment.CurrentManagedThreadId;
        Assert.True(RunUntilInline(pipeline, policy, threads));

        slow = true;
        var overrun = Run(pipeline, policy);
        slow = false;
        var after = Run(pipeline, policy);

        Assert.Equal(caller, threads[^2]);
        Assert.True(overrun.IsBlocked);
        Assert.Equal("timeout", overrun.Guards[0].Error);
        Assert.Contains(Categories.GuardError, overrun.Categories);
        Assert.NotEqual(caller, threads[^1]);
        Assert.Equal(GuardAction.Allow, after.Action);
    }

    [Fact]
    public void Evaluate_InlineGuardHonoursItsToken_TimeoutBecomesBlock()
    {
        var pipeline = new GuardPipeline(new TextNormalizer(), TimeProvider.System);
        var hang = false;
        var threads = new List<int>();
        var guard = new FakeGuard("model", 5, (_, ct) =>
        {
            threads.Add(Environment.CurrentManagedThreadId);
            if (hang) ct.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
            ct.ThrowIfCancellationRequested();
            return ValueTask.FromResult(GuardResult.Clean);
        });
        var policy = Build(guard, TimeoutSeconds);
        Assert.True(RunUntilInline(pipeline, policy, threads));

        hang = true;
        var verdict = Run(pipeline, policy);

        Assert.True(verdict.IsBlocked);
        Assert.Equal("timeout", verdict.Guards[0].Error);
    }
}
