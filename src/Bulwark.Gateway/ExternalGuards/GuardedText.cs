namespace Bulwark.Gateway.ExternalGuards;

/// <summary>What an external guard judges: the user's prompt, and on the output stage the answer so far.</summary>
public sealed record GuardedText(string Prompt, string? Response)
{
    public override string ToString() => "GuardedText";
}
