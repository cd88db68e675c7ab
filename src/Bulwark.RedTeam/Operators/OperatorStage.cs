namespace Bulwark.RedTeam.Operators;

/// <summary>Where an operator goes in a composed chain: rewrites first, then encodings, wrappers, then structure.</summary>
public enum OperatorStage
{
    /// <summary>Rewrites the words of the request itself; runs before anything encodes it.</summary>
    Rewrite = -1,
    Encoding = 0,
    Wrapper = 1,
    Structure = 2,
}
