using Bulwark.Core.Guards;

namespace Bulwark.Detection.Guards;

/// <summary>
/// Where a learned head's trained decision threshold lands on the reported 0..1 score. The anchors match the
/// built-in default policy (attacks block at 0.8, harms and harmful output at 0.7), so that the default policy
/// applies exactly the thresholds chosen at training time; a stricter or looser policy moves from there.
/// </summary>
public static class ScoreAnchors
{
    public const double Attack = 0.8;
    public const double Harm = 0.7;

    public static double For(string category) =>
        category is Categories.Jailbreak or Categories.PromptInjection or Categories.PromptExtraction ? Attack : Harm;

    /// <summary>Maps a score whose decision threshold is 0.5 to one whose threshold is <paramref name="anchor"/> (monotone, piecewise linear).</summary>
    public static double Apply(double score, double anchor) =>
        score < 0.5 ? anchor * score / 0.5 : anchor + (1 - anchor) * (score - 0.5) / 0.5;
}
