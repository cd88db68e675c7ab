using System.Text;
using Bulwark.Core.Conversations;

namespace Bulwark.Gateway.Pipeline;

/// <summary>The canonical text of a conversation that the audit record commits to: one "role: text" block per part.</summary>
public static class PromptText
{
    public static string Canonical(Conversation conversation)
    {
        var sb = new StringBuilder(conversation.TotalCharacters + conversation.Messages.Count * 16);
        foreach (var m in conversation.Messages)
        {
            foreach (var p in m.Parts)
            {
                sb.Append(m.Role.ToString().ToLowerInvariant()).Append('/').Append(p.Kind.ToString().ToLowerInvariant()).Append(": ").Append(p.Text).Append('\n');
            }
        }
        return sb.ToString();
    }
}
