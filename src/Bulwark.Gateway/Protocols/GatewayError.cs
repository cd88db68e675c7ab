namespace Bulwark.Gateway.Protocols;

/// <summary>An error to send in the client's protocol: HTTP status, stable code, safe message, offending parameter.</summary>
public sealed record GatewayError(int StatusCode, string Code, string Message, string? Param = null)
{
    public int? RetryAfterSeconds { get; init; }
}
