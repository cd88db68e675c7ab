using System.Text.Json.Nodes;
using Bulwark.Core.Conversations;

namespace Bulwark.Gateway.Protocols;

/// <summary>A request body that parsed: the neutral conversation and the original JSON (for same-protocol passthrough).</summary>
public sealed record ParsedRequest(Conversation Conversation, JsonObject Body)
{
    public string Model => Conversation.Model;

    public bool Stream => Conversation.Stream;
}
