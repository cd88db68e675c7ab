namespace Bulwark.Core.Conversations;

/// <summary>What a part of a message holds. Tool results and documents are untrusted data.</summary>
public enum ContentPartKind
{
    Text,
    ToolCall,
    ToolResult,
    Document,
    Image,
}
