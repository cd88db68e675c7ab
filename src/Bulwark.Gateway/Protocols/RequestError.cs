namespace Bulwark.Gateway.Protocols;

/// <summary>Why a request body was refused: a stable code, a clear message (no request text in it) and the offending parameter.</summary>
public sealed record RequestError(string Code, string Message, string? Param = null, int StatusCode = 400);
