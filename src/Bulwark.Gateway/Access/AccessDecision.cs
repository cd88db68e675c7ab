using Bulwark.Core.Guards;

namespace Bulwark.Gateway.Access;

/// <summary>
/// The access answer. When allowed: who is calling and a token that fires when that access is withdrawn
/// (revoked key or principal, kill switch, directive), so that open streams can be ended. When denied:
/// the HTTP status (401, 403, 429, 503), a stable machine code and a message safe to show the caller.
/// </summary>
public sealed record AccessDecision
{
    public required bool Allowed { get; init; }

    public int StatusCode { get; init; } = 200;

    /// <summary>Stable reason code, e.g. "invalid_key", "revoked", "expired", "not_entitled", "directive", "kill_switch", "rate_limited", "stale_state".</summary>
    public string Code { get; init; } = "";

    public string Message { get; init; } = "";

    public CallerInfo Caller { get; init; } = CallerInfo.Anonymous;

    public bool IsAdmin { get; init; }

    public bool IsAuditor { get; init; }

    /// <summary>
    /// True when the caller did not authenticate (no key, a bad, revoked or expired key, or too many failed attempts):
    /// such refusals are counted in <see cref="Limits.FailedAuthSummary"/> records, not audited one by one, and the
    /// request body is refused unread.
    /// </summary>
    public bool Unauthenticated { get; init; }

    /// <summary>429: seconds until the caller may retry.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Fires when this access is withdrawn while the request is in flight.</summary>
    public CancellationToken Withdrawn { get; init; }

    public static AccessDecision Deny(int status, string code, string message, CallerInfo? caller = null, int? retryAfter = null) =>
        new() { Allowed = false, StatusCode = status, Code = code, Message = message, Caller = caller ?? CallerInfo.Anonymous, RetryAfterSeconds = retryAfter };
}
