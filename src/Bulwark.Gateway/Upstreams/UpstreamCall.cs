using System.Text.Json.Nodes;
using Bulwark.Core.Conversations;

namespace Bulwark.Gateway.Upstreams;

/// <summary>
/// What the gateway asks of an upstream: the protocol-neutral conversation, the model name upstream, and the
/// caller's original request body with the protocol it came in, so that same-protocol calls keep their other
/// parameters (temperature, tools…).
/// </summary>
public sealed record UpstreamCall(Conversation Conversation, string UpstreamModel, string ClientProtocol, JsonObject OriginalBody)
{
    public int MaxTokens => Conversation.MaxTokens ?? 1024;
}
