namespace Bulwark.Gateway.Upstreams;

/// <summary>A piece of answer text.</summary>
public sealed record TextDelta(string Text) : UpstreamEvent;
