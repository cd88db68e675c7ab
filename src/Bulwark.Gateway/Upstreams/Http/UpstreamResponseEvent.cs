using System.Text.Json.Nodes;

namespace Bulwark.Gateway.Upstreams.Http;

/// <summary>
/// A Responses API event that carries no model text for the output guards and that a Responses client gets back:
/// the upstream's created response (its id and settings) or a finished reasoning item. Handlers that do not speak
/// the Responses API ignore it.
/// </summary>
public sealed record UpstreamResponseEvent(string Type, JsonObject Data) : UpstreamEvent;
