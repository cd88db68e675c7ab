namespace Bulwark.Detection.Training;

/// <summary>One model answer of an outputs corpus: the prompt, the response and whether the response is harmful or safe.</summary>
public sealed record OutputRow(string Source, string Id, string Prompt, string Response, string Label)
{
    public bool IsHarmful => Label == CorpusLabels.Harmful;
}
