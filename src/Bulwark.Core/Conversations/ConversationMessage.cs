namespace Bulwark.Core.Conversations;

/// <summary>One turn of a conversation.</summary>
public sealed record ConversationMessage(MessageRole Role, IReadOnlyList<ContentPart> Parts)
{
    public string Text => Parts.Count == 1 ? Parts[0].Text : string.Join("\n", Parts.Select(p => p.Text));

    public static ConversationMessage FromText(MessageRole role, string text) => new(role, [ContentPart.FromText(text)]);
}
