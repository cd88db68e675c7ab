namespace Bulwark.Gateway.Access;

/// <summary>The stable <see cref="AccessDecision.Code"/> values. The 401 message is the same for all 401 codes.</summary>
public static class AccessCodes
{
    public const string InvalidApiKey = "invalid_api_key";
    public const string Revoked = "revoked";
    public const string Expired = "expired";
    public const string NotEntitled = "not_entitled";
    public const string Directive = "directive";
    public const string KillSwitch = "kill_switch";
    public const string Suspended = "suspended";
    public const string RateLimited = "rate_limited";
    public const string StaleState = "stale_state";
    public const string UnknownModel = "unknown_model";
    public const string LimitsUnavailable = "limits_unavailable";

    public const string UniformUnauthorizedMessage = "invalid API key: it is unknown, revoked or expired";
}
