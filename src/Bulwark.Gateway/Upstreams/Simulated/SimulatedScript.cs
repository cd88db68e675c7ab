namespace Bulwark.Gateway.Upstreams.Simulated;

/// <summary>The tokens the simulated model will stream and how it will end.</summary>
public sealed record SimulatedScript(string[] Tokens, SimulatedEnding Ending);
