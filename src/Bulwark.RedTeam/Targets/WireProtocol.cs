namespace Bulwark.RedTeam.Targets;

/// <summary>The public API the harness speaks.</summary>
public enum WireProtocol
{
    OpenAi,
    Anthropic,
}
