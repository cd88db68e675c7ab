namespace Bulwark.Gateway.Access.Limits;

/// <summary>Counts for one key and its principal in the current one-minute window.</summary>
public readonly record struct RateWindow(long KeyRequests, long PrincipalRequests, long KeyTokens, long PrincipalTokens);
