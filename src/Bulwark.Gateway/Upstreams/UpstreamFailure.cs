namespace Bulwark.Gateway.Upstreams;

/// <summary>
/// The upstream failed: could not connect, timed out, answered with an error status, sent something that is not
/// its protocol, or closed mid-answer. Always the last event. <see cref="Code"/> is stable for clients and audit:
/// "upstream_unavailable", "upstream_timeout", "upstream_error", "upstream_protocol_error", "upstream_closed".
/// </summary>
public sealed record UpstreamFailure(string Code, string Message, int StatusCode) : UpstreamEvent;
