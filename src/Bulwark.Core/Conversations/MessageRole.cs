namespace Bulwark.Core.Conversations;

/// <summary>Who wrote a message, independent of the wire protocol.</summary>
public enum MessageRole
{
    System,
    User,
    Assistant,
    Tool,
}
