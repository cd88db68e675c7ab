namespace Bulwark.RedTeam.Operators;

/// <summary>What a turn of an attack conversation is, independent of the wire protocol.</summary>
public enum TurnKind
{
    User,
    Assistant,
    /// <summary>An assistant's call of the <c>fetch_url</c> tool; the text is the URL.</summary>
    ToolCall,
    /// <summary>What the tool returned (untrusted data).</summary>
    ToolResult,
    /// <summary>A document attached to the next user turn (untrusted data).</summary>
    Document,
}
