namespace Bulwark.Gateway.Access.Limits;

/// <summary>The rate-limit answer: allowed, limited (429 with retry-after), or unavailable (counter unreachable and not failing open: 503).</summary>
public readonly record struct LimitVerdict(bool Allowed, bool Unavailable, int RetryAfterSeconds, string? Scope)
{
    public static LimitVerdict Ok => new(true, false, 0, null);
}
