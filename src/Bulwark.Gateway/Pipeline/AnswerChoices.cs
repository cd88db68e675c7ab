using Bulwark.Core.Guards;
using Bulwark.Gateway.Protocols.Tools;

namespace Bulwark.Gateway.Pipeline;

/// <summary>
/// The choices of one answer, by index: <see cref="Count"/> of them (the caller's n), each made on first use with its
/// own output gate. Events for an index outside 0..n-1 belong to no choice the caller asked for and are dropped.
/// </summary>
public sealed class AnswerChoices(int count, Func<OutputGate> newGate)
{
    private readonly SortedDictionary<int, AnswerChoice> _choices = [];

    public int Count => count;

    /// <summary>The choices that received anything, by index.</summary>
    public IEnumerable<AnswerChoice> All => _choices.Values;

    /// <summary>The choice at <paramref name="index"/>, or null for an index the caller did not ask for.</summary>
    public AnswerChoice? Get(int index)
    {
        if (index < 0 || index >= count) return null;
        if (!_choices.TryGetValue(index, out var choice)) _choices[index] = choice = new AnswerChoice(index, newGate);
        return choice;
    }

    /// <summary>Choice 0, which every answer has (made empty if the upstream sent nothing for it).</summary>
    public AnswerChoice First => Get(0)!;

    /// <summary>Every choice the caller asked for is halted: nothing more can be released, so the upstream can be stopped.</summary>
    public bool AllBlocked => _choices.Count == count && _choices.Values.All(c => c.Blocked is not null);

    public int PendingLength => _choices.Values.Sum(c => c.Gate.PendingLength + c.Calls.Length + (c.HasThinking ? c.Thinking.Gate.PendingLength : 0));

    /// <summary>The verdict that blocked the first blocked choice, or null.</summary>
    public AnswerChoice? FirstBlocked => _choices.Values.FirstOrDefault(c => c.Blocked is not null);

    /// <summary>The most severe output verdict over every choice (null when no output guard ran).</summary>
    public Verdict? Worst
    {
        get
        {
            Verdict? worst = null;
            foreach (var c in _choices.Values)
            {
                worst = Worse(worst, c.Blocked ?? c.Gate.Worst);
                if (c.HasThinking) worst = Worse(worst, c.Thinking.Gate.Worst);
            }
            return worst;
        }
    }

    private static Verdict? Worse(Verdict? a, Verdict? b) =>
        b is not null && (a is null || b.Action > a.Action || (b.Action == a.Action && b.Score > a.Score)) ? b : a;

    public double GuardMilliseconds => _choices.Values.Sum(c => c.Gate.GuardMilliseconds + (c.HasThinking ? c.Thinking.Gate.GuardMilliseconds : 0));

    /// <summary>The released text of every choice, for the audit commitment and stored content: choice 0 alone, or all of them in order, one per line block.</summary>
    public string Released(bool blockedAsEmpty) =>
        string.Join("\n\n", _choices.Values.Select(c => blockedAsEmpty && c.Blocked is not null ? "" : c.Released));

    /// <summary>The tool calls of every choice for the audit record: their names, and the one that blocked.</summary>
    public ToolCheck ToolAudit()
    {
        var calls = _choices.Values.SelectMany(c => c.AllCalls).ToList();
        var blocked = _choices.Values.FirstOrDefault(c => c.BlockedTool is not null);
        return new ToolCheck(calls, blocked?.Blocked, blocked?.BlockedTool);
    }

    /// <summary>The indexes of the blocked choices when the caller asked for several, for the audit record.</summary>
    public int[] BlockedIndexes => _choices.Values.Where(c => c.Blocked is not null).Select(c => c.Index).ToArray();

    /// <summary>Makes sure every index 0..n-1 exists, so each gets its own finish.</summary>
    public void Complete()
    {
        for (var i = 0; i < count; i++) Get(i);
    }
}
