using Bulwark.Core.Conversations;
using Bulwark.Core.Guards;
using Microsoft.Extensions.AI;

namespace Bulwark.Extensions.AI;

/// <summary>Maps Microsoft.Extensions.AI messages to Bulwark's conversation (text, tool calls and tool results) and applies redactions back.</summary>
internal static class ChatConversation
{
    public static Conversation From(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var list = new List<ConversationMessage>();
        foreach (var m in messages)
        {
            var parts = new List<ContentPart>();
            foreach (var c in m.Contents)
            {
                switch (c)
                {
                    case TextContent t:
                        parts.Add(ContentPart.FromText(t.Text));
                        break;
                    case FunctionResultContent r:
                        parts.Add(new ContentPart(ContentPartKind.ToolResult, r.Result?.ToString() ?? ""));
                        break;
                    case FunctionCallContent f:
                        parts.Add(new ContentPart(ContentPartKind.ToolCall, f.Name + " " + string.Join(" ", f.Arguments?.Select(a => $"{a.Key}={a.Value}") ?? [])));
                        break;
                }
            }
            if (parts.Count == 0) continue;
            list.Add(new ConversationMessage(Role(m.Role), parts));
        }
        return new Conversation(options?.ModelId ?? "in-process", list) { MaxTokens = options?.MaxOutputTokens };
    }

    public static List<ChatMessage> Redact(IEnumerable<ChatMessage> messages, IReadOnlyList<Redaction> redactions) =>
        messages.Select(m =>
        {
            var copy = m.Clone();
            copy.Contents = m.Contents.Select(c => c is TextContent t ? new TextContent(Redactor.Apply(t.Text, redactions)) : c).ToList();
            return copy;
        }).ToList();

    private static MessageRole Role(ChatRole role) =>
        role == ChatRole.System ? MessageRole.System
        : role == ChatRole.Assistant ? MessageRole.Assistant
        : role == ChatRole.Tool ? MessageRole.Tool
        : MessageRole.User;
}
