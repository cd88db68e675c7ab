using Bulwark.RedTeam.Operators;
using Bulwark.RedTeam.Targets;

namespace Bulwark.RedTeam.Adaptive;

/// <summary>
/// Black-box search for one goal within a query budget, using only what the API returned: blocked or not, and the
/// verdict's score when the target reveals one (otherwise how many categories it named). It starts from the plain goal
/// and from chains that worked on earlier goals, then mutates the best candidates by rules — add, replace or remove an
/// operator, cross two candidates, re-roll a paraphrase — and stops at the first success.
/// </summary>
public sealed class AdaptiveSearch(IReadOnlyList<IAttackOperator> operators, int budget)
{
    private const int PoolSize = 8;
    private const int MaxChainLength = 4;

    /// <param name="attempt">Sends the goal through a chain with a variant seed (query number given) and returns (success, reply).</param>
    /// <param name="winners">Chains that succeeded on earlier goals, shared across goals (newest last).</param>
    public async Task<AdaptiveOutcome> RunAsync(string goalId, Func<OperatorChain, int, int, Task<(bool Success, TargetReply Reply)>> attempt,
        Random random, IReadOnlyList<OperatorChain> winners, CancellationToken ct)
    {
        var pool = new List<(OperatorChain Chain, double Score)>();
        var tried = new HashSet<string>(StringComparer.Ordinal);
        var transfer = winners.Reverse().Take(3).ToList();
        for (var q = 1; q <= budget; q++)
        {
            ct.ThrowIfCancellationRequested();
            OperatorChain chain;
            if (q == 1) chain = OperatorChain.Empty;
            else if (transfer.Count > 0)
            {
                chain = transfer[0];
                transfer.RemoveAt(0);
            }
            else chain = Propose(pool, tried, random);
            tried.Add(chain.Name);
            var (success, reply) = await attempt(chain, random.Next(), q).ConfigureAwait(false);
            if (success) return new AdaptiveOutcome(goalId, q, q, chain.Name);
            pool.Add((chain, Feedback(reply)));
            pool.Sort((a, b) => a.Score.CompareTo(b.Score));
            if (pool.Count > PoolSize) pool.RemoveRange(PoolSize, pool.Count - PoolSize);
        }
        return new AdaptiveOutcome(goalId, null, budget, null);
    }

    /// <summary>Lower is closer to getting through: the revealed score, else an output block beats an input block, fewer categories beat more.</summary>
    public static double Feedback(TargetReply reply) => reply.Score ?? reply.Outcome switch
    {
        TargetOutcome.BlockedOutput => 0.5,
        TargetOutcome.BlockedInput => 1.0 + 0.1 * reply.Categories.Count,
        _ => 2.0,
    };

    private OperatorChain Propose(List<(OperatorChain Chain, double Score)> pool, HashSet<string> tried, Random random)
    {
        OperatorChain candidate = OperatorChain.Empty;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            candidate = Mutate(pool, random);
            if (candidate.Operators.Count > 0 && (!tried.Contains(candidate.Name) || candidate.Operators.Any(o => o is ParaphraseOperator or PersonaOperator or FictionFramingOperator)))
                return candidate;
        }
        return candidate.Operators.Count > 0 ? candidate : new OperatorChain([Pick(random)]);
    }

    private OperatorChain Mutate(List<(OperatorChain Chain, double Score)> pool, Random random)
    {
        if (pool.Count == 0 || random.NextDouble() < 0.2)
        {
            var count = 1 + random.Next(2);
            return new OperatorChain(Enumerable.Range(0, count).Select(_ => Pick(random)).DistinctBy(o => o.Name));
        }
        // Tournament: one of the three best so far.
        var parent = pool[random.Next(Math.Min(3, pool.Count))].Chain;
        var r = random.NextDouble();
        if (r < 0.35 && parent.Operators.Count < MaxChainLength) return parent.With(Pick(random));
        if (r < 0.55 && parent.Operators.Count > 0)
        {
            var drop = parent.Operators[random.Next(parent.Operators.Count)];
            return parent.Without(drop.Name).With(Pick(random));
        }
        if (r < 0.7 && parent.Operators.Count > 1) return parent.Without(parent.Operators[random.Next(parent.Operators.Count)].Name);
        if (r < 0.85 && pool.Count > 1)
        {
            var other = pool[random.Next(pool.Count)].Chain;
            var mixed = parent.Operators.Take((parent.Operators.Count + 1) / 2).Concat(other.Operators.Skip(other.Operators.Count / 2));
            return new OperatorChain(mixed.DistinctBy(o => o.Name).Take(MaxChainLength));
        }
        return parent.Operators.Count < MaxChainLength ? parent.With(new ParaphraseOperator()) : parent;
    }

    private IAttackOperator Pick(Random random) => operators[random.Next(operators.Count)];
}
