namespace Bulwark.Core.Conversations;

/// <summary>
/// One part of a message. <see cref="Text"/> is what guards scan (empty for images). A tool call carries its
/// arguments (JSON text) in <see cref="Text"/> with <see cref="ToolName"/> and <see cref="ToolCallId"/>; a tool
/// result carries the id of the call it answers.
/// </summary>
public sealed record ContentPart(ContentPartKind Kind, string Text)
{
    /// <summary>The id linking a tool call to its result, when the part is one of them.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>The called tool's name, for a tool call.</summary>
    public string? ToolName { get; init; }

    /// <summary>
    /// Tool results, documents and tool-call arguments come from outside the caller's own instructions (a tool, a
    /// file, a model's earlier output shaped by them) and may carry indirect injection.
    /// </summary>
    public bool IsUntrustedData => Kind is ContentPartKind.ToolResult or ContentPartKind.Document or ContentPartKind.ToolCall;

    public static ContentPart FromText(string text) => new(ContentPartKind.Text, text);

    public static ContentPart Call(string id, string name, string arguments) => new(ContentPartKind.ToolCall, arguments) { ToolCallId = id, ToolName = name };

    public static ContentPart Result(string id, string text) => new(ContentPartKind.ToolResult, text) { ToolCallId = id };
}
