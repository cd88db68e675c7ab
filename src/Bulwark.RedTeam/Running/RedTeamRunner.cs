using System.Collections.Concurrent;
using System.Diagnostics;
using Bulwark.RedTeam.Adaptive;
using Bulwark.RedTeam.Judging;
using Bulwark.RedTeam.Operators;
using Bulwark.RedTeam.Seeds;
using Bulwark.RedTeam.Targets;

namespace Bulwark.RedTeam.Running;

/// <summary>
/// Runs a red-team campaign against one target: a harmless preflight request, then every goal through no operator, each
/// single operator and the standard compositions, then the benign probes, then (optionally) the adaptive search per
/// goal. Attempts run <see cref="RedTeamOptions.Concurrency"/> at a time; each is written to the results file as soon
/// as it is judged. Randomness is seeded per attempt, so a run repeats whatever the concurrency.
/// </summary>
public sealed class RedTeamRunner
{
    public const string PreflightText = "Hello! Please reply with a one-word greeting.";
    private const int PromptExcerpt = 400;
    private const int ReceivedExcerpt = 300;
    private readonly ITarget _target;
    private readonly RedTeamOptions _options;
    private readonly AttackSender _sender;
    private readonly ResponseJudge _judge;
    private string? _aborted;
    private CancellationTokenSource? _abort;

    public RedTeamRunner(ITarget target, RedTeamOptions options, TimeProvider time)
    {
        options.Validate();
        _target = target;
        _options = options;
        _sender = new AttackSender(target, time, options.MaxRateLimitRetries);
        _judge = new ResponseJudge(options.Judge);
    }

    /// <summary>One harmless request; says why the run cannot start (unreachable, key refused, unknown model), or null.</summary>
    public async Task<PreflightResult> PreflightAsync(CancellationToken ct)
    {
        var reply = await _sender.SendOneAsync([new ChatTurn(TurnKind.User, PreflightText)], ct).ConfigureAwait(false);
        return reply switch
        {
            { Outcome: TargetOutcome.Answered or TargetOutcome.BlockedInput or TargetOutcome.BlockedOutput } => new PreflightResult(null),
            { Status: 0 } => new PreflightResult($"{_target.Name} is unreachable ({reply.Error})"),
            { Status: 401 or 403 } => new PreflightResult($"{_target.Name} refused the key ({reply.Status} {reply.Error})"),
            { Status: 404 } => new PreflightResult($"{_target.Name} does not know the model, or the URL is wrong (404 {reply.Error})"),
            { Status: 429 } => new PreflightResult($"{_target.Name} kept answering 429 (rate limited) to the preflight request"),
            _ => new PreflightResult($"{_target.Name} answered the preflight request with {reply.Status} ({reply.Error})"),
        };
    }

    /// <summary>The operator chains of the fixed plan (besides no operator).</summary>
    public IReadOnlyList<OperatorChain> Chains()
    {
        var names = _options.Chains ?? [.. OperatorCatalog.All.Select(o => o.Name), .. OperatorCatalog.StandardCompositions];
        return names.Select(n => OperatorCatalog.Parse(n) ?? throw new ArgumentException($"unknown operator in '{n}'")).ToArray();
    }

    /// <summary>Attempts of the fixed plan (the adaptive phase adds at most goals × budget more).</summary>
    public int PlannedAttempts(SeedLibrary seeds) => seeds.Goals.Count * (Chains().Count + 1) + seeds.Benign.Count;

    public async Task<RedTeamRun> RunAsync(SeedLibrary seeds, ResultsWriter? writer, IProgress<int>? progress, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _abort = abort;
        var all = new List<AttemptResult>();
        IReadOnlyList<AdaptiveOutcome>? adaptive = null;
        try
        {
            adaptive = await RunPhasesAsync(seeds, writer, progress, all, abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_aborted is not null && !ct.IsCancellationRequested)
        {
            // The target stopped accepting the key: keep what was measured, say why the run stopped.
        }
        return new RedTeamRun(all, adaptive, _options.Budget, _sender.RateLimitedResponses, Stopwatch.GetElapsedTime(started)) { Aborted = _aborted };
    }

    private async Task<IReadOnlyList<AdaptiveOutcome>?> RunPhasesAsync(SeedLibrary seeds, ResultsWriter? writer, IProgress<int>? progress, List<AttemptResult> all, CancellationToken ct)
    {
        var chains = Chains().Prepend(OperatorChain.Empty).ToArray();
        var work = new List<Func<CancellationToken, Task<AttemptResult>>>();
        foreach (var goal in seeds.Goals)
        {
            foreach (var chain in chains)
                work.Add(token => AttackAsync(goal, chain, StableSeed.Of(_options.Seed, goal.Id, chain.Name), adaptive: false, query: null, token));
        }
        foreach (var probe in seeds.Benign) work.Add(token => BenignAsync(probe, token));

        var results = new AttemptResult?[work.Count];
        var done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = ct };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, work.Count), parallel, async (i, token) =>
            {
                var result = await work[i](token).ConfigureAwait(false);
                results[i] = result;
                if (writer is not null) await writer.WriteAsync(result, CancellationToken.None).ConfigureAwait(false);
                progress?.Report(Interlocked.Increment(ref done));
            }).ConfigureAwait(false);
        }
        finally
        {
            all.AddRange(results.OfType<AttemptResult>());
        }

        if (!_options.Adaptive) return null;
        var adaptiveResults = new ConcurrentBag<AttemptResult>();
        try
        {
            return await RunAdaptiveAsync(seeds, async r =>
            {
                adaptiveResults.Add(r);
                if (writer is not null) await writer.WriteAsync(r, CancellationToken.None).ConfigureAwait(false);
                progress?.Report(Interlocked.Increment(ref done));
            }, ct).ConfigureAwait(false);
        }
        finally
        {
            all.AddRange(adaptiveResults.OrderBy(r => r.SeedId, StringComparer.Ordinal).ThenBy(r => r.Query));
        }
    }

    /// <summary>401/403 mid-run (or a stream ended because access was withdrawn): the key was revoked or suspended.</summary>
    private void CheckAccess(TargetReply reply)
    {
        var lost = reply.Outcome == TargetOutcome.Failed &&
                   (reply.Status is 401 or 403 || reply.Error is "access_withdrawn" or "suspended" or "permission_error");
        if (!lost || _aborted is not null) return;
        _aborted = $"the target stopped accepting the key mid-run ({reply.Status} {reply.Error}): revoked, or suspended by a repeat-offender limit " +
                   "(for a red-team run against Bulwark, raise Bulwark:Offenders:SuspendAfter and ThrottleAfter)";
        _abort?.Cancel();
    }

    private async Task<IReadOnlyList<AdaptiveOutcome>> RunAdaptiveAsync(SeedLibrary seeds, Func<AttemptResult, Task> record, CancellationToken ct)
    {
        var search = new AdaptiveSearch(OperatorCatalog.All, _options.Budget);
        var winners = new List<OperatorChain>();
        var outcomes = new AdaptiveOutcome?[seeds.Goals.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = ct };
        await Parallel.ForEachAsync(Enumerable.Range(0, seeds.Goals.Count), parallel, async (i, token) =>
        {
            var goal = seeds.Goals[i];
            OperatorChain[] known;
            lock (winners) known = [.. winners];
            var random = new Random(StableSeed.Of(_options.Seed, "adaptive", goal.Id));
            var outcome = await search.RunAsync(goal.Id, async (chain, variant, query) =>
            {
                var result = await AttackAsync(goal, chain, variant, adaptive: true, query, token).ConfigureAwait(false);
                await record(result).ConfigureAwait(false);
                return (result.Success, ReplyOf(result));
            }, random, known, token).ConfigureAwait(false);
            if (outcome.WinningChain is { } name && OperatorCatalog.Parse(name) is { Operators.Count: > 0 } chain)
            {
                lock (winners) winners.Add(chain);
            }
            outcomes[i] = outcome;
        }).ConfigureAwait(false);
        return outcomes.Select(o => o!).ToArray();
    }

    private static TargetReply ReplyOf(AttemptResult r) => new(r.Outcome switch
    {
        Outcomes.Answered => TargetOutcome.Answered,
        Outcomes.BlockedInput => TargetOutcome.BlockedInput,
        Outcomes.BlockedOutput => TargetOutcome.BlockedOutput,
        Outcomes.RateLimited => TargetOutcome.RateLimited,
        _ => TargetOutcome.Failed,
    }, r.Status, r.Received) { Categories = r.Categories, Score = r.Score };

    private async Task<AttemptResult> AttackAsync(AttackGoal goal, OperatorChain chain, int seed, bool adaptive, int? query, CancellationToken ct)
    {
        var payload = chain.Apply(AttackPayload.Plain(goal.Text), new Random(seed));
        var (reply, turns, ms) = await _sender.SendAsync(payload, _options.Trigger, ct).ConfigureAwait(false);
        CheckAccess(reply);
        var judgement = _judge.Judge(goal, reply);
        return new AttemptResult
        {
            SeedId = goal.Id, Operator = chain.Name, Kind = AttemptKind.Attack, Turns = turns, Adaptive = adaptive, Query = query,
            Success = judgement.Success && reply.Outcome is not (TargetOutcome.RateLimited or TargetOutcome.Failed),
            Status = reply.Status, Outcome = Outcomes.Of(reply.Outcome), Category = goal.Category, Categories = reply.Categories,
            InputPassed = judgement.InputPassed, HarmfulReceived = judgement.HarmfulReceived, Ms = Math.Round(ms, 1), Score = reply.Score,
            Prompt = Excerpt(payload.Describe(), PromptExcerpt), Received = Excerpt(reply.Received, ReceivedExcerpt),
        };
    }

    private async Task<AttemptResult> BenignAsync(BenignProbe probe, CancellationToken ct)
    {
        var (reply, turns, ms) = await _sender.SendAsync(AttackPayload.Plain(probe.Text), "", ct).ConfigureAwait(false);
        CheckAccess(reply);
        return new AttemptResult
        {
            SeedId = probe.Id, Operator = OperatorChain.NoneName, Kind = AttemptKind.Benign, Turns = turns,
            Success = reply.Outcome == TargetOutcome.Answered, Status = reply.Status, Outcome = Outcomes.Of(reply.Outcome),
            Category = probe.Category, Categories = reply.Categories, InputPassed = reply.InputPassed, Ms = Math.Round(ms, 1), Score = reply.Score,
            Prompt = Excerpt(probe.Text, PromptExcerpt), Received = Excerpt(reply.Received, ReceivedExcerpt),
        };
    }

    private static string Excerpt(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
