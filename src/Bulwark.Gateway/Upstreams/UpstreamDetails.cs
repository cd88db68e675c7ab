using System.Text.Json.Nodes;

namespace Bulwark.Gateway.Upstreams;

/// <summary>
/// What an upstream said about its answer beyond the text, in its own wire form, to pass back unchanged to a client
/// of the same protocol: the whole usage object (cached and reasoning token details, Anthropic cache_* counts,
/// service tier) and top-level fields such as system_fingerprint and service_tier.
/// </summary>
public sealed record UpstreamDetails(string Wire, JsonObject? Usage, JsonObject Fields);
