namespace Bulwark.Gateway.Upstreams.Simulated;

public enum SimulatedEnding
{
    Stop,
    Error,
    Drop,
    Slow,
}
