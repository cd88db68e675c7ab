using Bulwark.Core.Access;
using Bulwark.Core.Guards;
using Bulwark.Gateway.Access.Limits;
using Bulwark.Gateway.Access.Offenders;
using Bulwark.Gateway.Access.Propagation;
using Bulwark.Gateway.Configuration;

namespace Bulwark.Gateway.Access;

/// <summary>
/// The access check on the request path. From the current <see cref="AccessState"/>: parse the key, find its hash,
/// compare in constant time; then revoked/expired (401, one uniform message), suspended, kill switch, entitlement,
/// directive (403), state freshness for protected models (503), rate limits (429). Never throws for a bad key and never
/// puts the key in a message, log or exception.
/// </summary>
public sealed class AccessController(
    AccessStateManager manager,
    WithdrawalRegistry withdrawals,
    LastUsedRecorder lastUsed,
    RateLimiter limiter,
    FailedAuthLimiter failedAuth,
    OffenderTracker offenders,
    BulwarkOptions options,
    TimeProvider time,
    FailedAuthSummary? failures = null) : IAccessController
{
    public string Name => "access";

    public ValueTask<AccessDecision> AuthorizeAsync(AccessRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var state = manager.Current;
        // Failed attempts are counted per address and per key id the store knows, so that noise from one address does
        // not lock out the valid keys used there (FailedAuthLimiter).
        var bucket = KnownKeyId(state, request.PresentedKey) ?? FailedAuthLimiter.UnknownKey;
        if (failedAuth.IsBlocked(request.RemoteAddress, bucket, out var blockedFor))
        {
            failures?.Record(request.RemoteAddress, NullIfUnknown(bucket), "throttled", request.Route);
            return ValueTask.FromResult(AccessDecision.Deny(429, AccessCodes.RateLimited, "too many failed authentication attempts from this address", retryAfter: blockedFor) with { Unauthenticated = true });
        }
        var auth = request.PresentedKey is { Length: > 0 } presented ? state.Authenticate(presented, now) : new Authentication(AccessDenial.InvalidKey, null, null);
        if (!auth.Succeeded)
        {
            failedAuth.RecordFailure(request.RemoteAddress, bucket);
            var code = auth.Denial switch
            {
                AccessDenial.Revoked => AccessCodes.Revoked,
                AccessDenial.Expired => AccessCodes.Expired,
                _ => AccessCodes.InvalidApiKey,
            };
            failures?.Record(request.RemoteAddress, NullIfUnknown(bucket), request.PresentedKey is { Length: > 0 } ? code : "no_key", request.Route);
            var who = auth.Key is { } k ? new CallerInfo(k.PrincipalId, [], k.Id) : null;
            return ValueTask.FromResult(AccessDecision.Deny(401, code, AccessCodes.UniformUnauthorizedMessage, who) with { Unauthenticated = true });
        }
        var key = auth.Key!;
        var principal = auth.Principal!;
        lastUsed.Record(key.Id, now);
        var caller = new CallerInfo(principal.Id, principal.Groups, key.Id) { Policy = key.Policy };
        if (principal.Suspended)
            return ValueTask.FromResult(AccessDecision.Deny(403, AccessCodes.Suspended, "this principal is suspended; an administrator can lift it", caller));
        if (request.Model is not { } model) return ValueTask.FromResult(Allow(caller, key, null));
        if (!manager.Rules.TryGetValue(model, out var rule))
            return ValueTask.FromResult(AccessDecision.Deny(404, AccessCodes.UnknownModel, $"the model '{Printable(model)}' does not exist", caller));
        if (rule.Protected && !options.AllowStale && !manager.IsFreshAt(now))
            return ValueTask.FromResult(AccessDecision.Deny(503, AccessCodes.StaleState, "access state is too stale to decide; try again shortly", caller, 1));
        var denial = state.Authorize(key, principal, rule, now);
        if (denial != AccessDenial.None)
        {
            return ValueTask.FromResult(denial switch
            {
                AccessDenial.KillSwitch => AccessDecision.Deny(403, AccessCodes.KillSwitch, $"the model '{model}' is switched off", caller),
                AccessDenial.Directive => AccessDecision.Deny(403, AccessCodes.Directive, $"the model '{model}' is restricted by an operator directive", caller),
                AccessDenial.Suspended => AccessDecision.Deny(403, AccessCodes.Suspended, "this principal is suspended; an administrator can lift it", caller),
                _ => AccessDecision.Deny(403, AccessCodes.NotEntitled, $"this key is not entitled to the model '{model}'", caller),
            });
        }
        return LimitAsync(caller, key, principal, model, cancellationToken);
    }

    private async ValueTask<AccessDecision> LimitAsync(CallerInfo caller, ApiKey key, Principal principal, string model, CancellationToken cancellationToken)
    {
        var verdict = await limiter.CheckAsync(key, principal, cancellationToken);
        if (verdict.Unavailable)
            return AccessDecision.Deny(503, AccessCodes.LimitsUnavailable, "rate limits cannot be checked right now; try again shortly", caller, verdict.RetryAfterSeconds);
        if (!verdict.Allowed)
            return AccessDecision.Deny(429, AccessCodes.RateLimited, "rate limit exceeded", caller, verdict.RetryAfterSeconds);
        return Allow(caller, key, model);
    }

    private AccessDecision Allow(CallerInfo caller, ApiKey key, string? model) => new()
    {
        Allowed = true,
        Caller = caller,
        IsAdmin = key.IsAdmin,
        IsAuditor = key.IsAuditor || key.IsAdmin,
        Withdrawn = withdrawals.TokenFor(key.Id, model),
    };

    public IReadOnlyList<string> VisibleModels(AccessDecision caller, IReadOnlyCollection<string> configuredModels)
    {
        if (!caller.Allowed || caller.Caller.KeyId is not { } keyId) return [];
        var state = manager.Current;
        var key = state.FindKey(keyId);
        var principal = key is null ? null : state.FindPrincipal(key.PrincipalId);
        if (key is null || principal is null) return [];
        var now = time.GetUtcNow();
        var visible = new List<string>(configuredModels.Count);
        foreach (var model in configuredModels)
        {
            if (manager.Rules.TryGetValue(model, out var rule) && state.Authorize(key, principal, rule, now) == AccessDenial.None) visible.Add(model);
        }
        return visible;
    }

    public async ValueTask RecordOutcomeAsync(AccessDecision caller, string model, int tokens, bool blocked, CancellationToken cancellationToken)
    {
        if (!caller.Allowed || caller.Caller.KeyId is not { } keyId) return;
        await limiter.AddTokensAsync(keyId, caller.Caller.PrincipalId, tokens, cancellationToken);
        if (blocked) await offenders.RecordBlockAsync(caller.Caller, model, cancellationToken);
    }

    private static string? KnownKeyId(AccessState state, string? presented)
    {
        if (presented is null || !ApiKeyFormat.TryParseId(presented, out var id)) return null;
        var text = new string(id);
        return state.FindKey(text) is null ? null : text;
    }

    private static string? NullIfUnknown(string bucket) => bucket.Length == 0 ? null : bucket;

    private static string Printable(string model) => model.Length > 64 || model.Any(char.IsControl) ? "(invalid name)" : model;
}
