namespace Bulwark.Detection.Training;

/// <summary>The label values of the corpora.</summary>
public static class CorpusLabels
{
    public const string Attack = "attack";
    public const string HarmfulRequest = "harmful_request";
    public const string BenignRequest = "benign_request";
    public const string Benign = "benign";
    public const string Harmful = "harmful";
    public const string Safe = "safe";
}
