using System.Text.Json.Nodes;
using Bulwark.Core.Conversations;

namespace Bulwark.Gateway.Protocols;

/// <summary>
/// A request body that parsed: the neutral conversation (for translation and the simulator), the body as it will be
/// forwarded (unknown fields already dropped), and <see cref="Scanned"/>: every string of that body the model will
/// read, with its trust, which is what the input guards scan.
/// </summary>
public sealed record ParsedRequest(Conversation Conversation, JsonObject Body)
{
    public string Model => Conversation.Model;

    public bool Stream => Conversation.Stream;

    /// <summary>The text the input guards scan: all of it (names, tool definitions, schemas, documents…), not only the messages.</summary>
    public Conversation Scanned { get; init; } = Conversation;
}
