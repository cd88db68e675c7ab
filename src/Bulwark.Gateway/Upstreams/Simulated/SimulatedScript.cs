using Bulwark.Gateway.Protocols.Tools;

namespace Bulwark.Gateway.Upstreams.Simulated;

/// <summary>The tokens the simulated model will stream, the tool call it will make (if any), and how it will end.</summary>
public sealed record SimulatedScript(string[] Tokens, SimulatedEnding Ending, ToolCall? Call = null);
