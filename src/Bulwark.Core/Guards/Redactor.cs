using Bulwark.Core.Conversations;

namespace Bulwark.Core.Guards;

/// <summary>Applies <see cref="Redaction"/>s: every occurrence of each value becomes its placeholder, longest value first.</summary>
public static class Redactor
{
    public static string Apply(string text, IReadOnlyList<Redaction> redactions)
    {
        if (redactions.Count == 0 || text.Length == 0) return text;
        foreach (var r in redactions.OrderByDescending(r => r.Value.Length))
        {
            if (r.Value.Length > 0) text = text.Replace(r.Value, r.Placeholder, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>The conversation with every part's text redacted (message structure, roles and limits unchanged).</summary>
    public static Conversation Apply(Conversation conversation, IReadOnlyList<Redaction> redactions)
    {
        if (redactions.Count == 0) return conversation;
        var messages = conversation.Messages
            .Select(m => m with { Parts = m.Parts.Select(p => p with { Text = Apply(p.Text, redactions) }).ToArray() })
            .ToArray();
        return conversation with { Messages = messages };
    }
}
