namespace Bulwark.Detection.Training;

/// <summary>One turn of a multi-turn corpus row ("turns": [{"role", "content"}…]).</summary>
public sealed record CorpusTurn(string Role, string Content)
{
    public bool IsUser => Role == "user";
}
