namespace Bulwark.Gateway.Upstreams;

/// <summary>One event of an upstream answer, independent of the wire protocol it came in.</summary>
public abstract record UpstreamEvent;
