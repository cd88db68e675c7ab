using System.Text.Json.Nodes;
using Bulwark.Gateway.Protocols;

namespace Bulwark.Gateway.Pipeline;

/// <summary>A request body read within limits and parsed to a JSON object, or why not.</summary>
public readonly record struct BodyReadResult(JsonObject? Body, GatewayError? Error);
