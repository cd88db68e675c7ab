namespace Bulwark.Gateway.Upstreams;

/// <summary>
/// The upstream failed: could not connect, timed out, answered with an error status, sent something that is not
/// its protocol, or closed mid-answer. Always the last event. <see cref="Code"/> is stable for clients and audit:
/// "upstream_unavailable", "upstream_timeout", "upstream_error", "upstream_protocol_error", "upstream_closed", or,
/// for an upstream 4xx, the upstream's own error code (its status, <see cref="ErrorType"/> and message kept).
/// </summary>
public sealed record UpstreamFailure(string Code, string Message, int StatusCode) : UpstreamEvent
{
    /// <summary>The upstream's error type ("invalid_request_error", "rate_limit_error"…), when it sent one.</summary>
    public string? ErrorType { get; init; }

    /// <summary>The upstream's "param", when it named one.</summary>
    public string? Param { get; init; }

    /// <summary>Headers to pass to the client: Retry-After and the rate-limit headers.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Worth trying the next upstream of a model's fallbacks: a 5xx, a timeout, an unreachable upstream or a 429.</summary>
    public bool AllowsFallback => StatusCode is >= 500 or 429;
}
