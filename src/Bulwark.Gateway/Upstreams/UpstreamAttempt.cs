namespace Bulwark.Gateway.Upstreams;

/// <summary>An upstream that failed before answering and was replaced by the next of the model's fallbacks.</summary>
public sealed record UpstreamAttempt(string Upstream, int StatusCode, string Code) : UpstreamEvent;
