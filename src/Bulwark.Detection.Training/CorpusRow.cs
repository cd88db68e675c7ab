namespace Bulwark.Detection.Training;

/// <summary>One prompt row of a corpus (dev.jsonl schema): source, id, text, label, kind and source-specific meta.</summary>
public sealed record CorpusRow(string Source, string Id, string Text, string Label, string Kind, IReadOnlyDictionary<string, string> Meta)
{
    public bool IsAttack => Label == CorpusLabels.Attack;

    public bool IsHarmfulRequest => Label == CorpusLabels.HarmfulRequest;

    /// <summary>True for attack and harmful_request rows: what a detector should flag.</summary>
    public bool ShouldFlag => IsAttack || IsHarmfulRequest;

    public bool IsBenign => Label is CorpusLabels.Benign or CorpusLabels.BenignRequest;

    /// <summary>The whole conversation of a multi-turn row ("text" is then its last user turn); empty for single prompts.</summary>
    public IReadOnlyList<CorpusTurn> Turns { get; init; } = [];

    /// <summary>The user turns of a multi-turn row, in order.</summary>
    public IReadOnlyList<string> UserTurns => Turns.Where(t => t.IsUser).Select(t => t.Content).ToArray();

    /// <summary>True for a row with at least two user turns: it is judged as a conversation.</summary>
    public bool IsConversation => Turns.Count(t => t.IsUser) >= 2;
}
