namespace Bulwark.Detection.Training;

/// <summary>One prompt row of a corpus (dev.jsonl schema): source, id, text, label, kind and source-specific meta.</summary>
public sealed record CorpusRow(string Source, string Id, string Text, string Label, string Kind, IReadOnlyDictionary<string, string> Meta)
{
    public bool IsAttack => Label == CorpusLabels.Attack;

    public bool IsHarmfulRequest => Label == CorpusLabels.HarmfulRequest;

    /// <summary>True for attack and harmful_request rows: what a detector should flag.</summary>
    public bool ShouldFlag => IsAttack || IsHarmfulRequest;

    public bool IsBenign => Label is CorpusLabels.Benign or CorpusLabels.BenignRequest;
}
