namespace Bulwark.Gateway.Protocols;

/// <summary>An error to send in the client's protocol: HTTP status, stable code, safe message, offending parameter.</summary>
public sealed record GatewayError(int StatusCode, string Code, string Message, string? Param = null)
{
    public int? RetryAfterSeconds { get; init; }

    /// <summary>The error type to report instead of the one derived from the status (an upstream's own type).</summary>
    public string? Type { get; init; }

    /// <summary>Response headers to send with the error (an upstream's Retry-After and rate-limit headers).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The error for an upstream failure, keeping its status, type, code, message and headers.</summary>
    public static GatewayError FromUpstream(Upstreams.UpstreamFailure failure) =>
        new(failure.StatusCode, failure.Code, failure.Message, failure.Param) { Type = failure.ErrorType, Headers = failure.Headers };

    public void ApplyHeaders(Microsoft.AspNetCore.Http.HttpResponse response)
    {
        if (RetryAfterSeconds is { } retry) response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in Headers) response.Headers[name] = value;
    }
}
