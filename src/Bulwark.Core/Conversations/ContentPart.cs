namespace Bulwark.Core.Conversations;

/// <summary>One part of a message. <see cref="Text"/> is what guards scan (empty for images).</summary>
public sealed record ContentPart(ContentPartKind Kind, string Text)
{
    /// <summary>Tool results and documents come from outside the conversation and may carry indirect injection.</summary>
    public bool IsUntrustedData => Kind is ContentPartKind.ToolResult or ContentPartKind.Document;

    public static ContentPart FromText(string text) => new(ContentPartKind.Text, text);
}
