using Bulwark.Core.Access;
using Microsoft.Extensions.Logging;

namespace Bulwark.Gateway.Access.Limits;

/// <summary>
/// Requests and tokens per minute, per key and per principal (fixed one-minute windows). A principal's stored overrides
/// replace the configured defaults; a throttled repeat offender gets <see cref="LimitOptions.ThrottleFactor"/> of them.
/// The token budget is checked before the request (tokens are only known afterwards, through <see cref="AddTokensAsync"/>).
/// </summary>
public sealed class RateLimiter(IRateCounter counter, LimitOptions options, TimeProvider time, ILogger<RateLimiter>? logger = null)
{
    public string CounterName => counter.Name;

    public async ValueTask<LimitVerdict> CheckAsync(ApiKey key, Principal principal, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var window = now.ToUnixTimeSeconds() / 60;
        RateWindow counts;
        try
        {
            counts = await counter.HitAsync(key.Id, principal.Id, window, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger?.LogWarning("access: the {Counter} rate counter is unreachable ({Error}); failing {Mode}", counter.Name, ex.GetType().Name, options.FailOpen ? "open" : "closed");
            return options.FailOpen ? LimitVerdict.Ok : new LimitVerdict(false, true, 1, "counter");
        }
        var factor = principal.OffenderLevel >= OffenderLevel.Throttled ? options.ThrottleFactor : 1.0;
        var rpm = Scale(principal.RequestsPerMinute ?? options.RequestsPerMinute, factor);
        var tpm = Scale(principal.TokensPerMinute ?? options.TokensPerMinute, factor);
        var retry = (int)Math.Max(1, 60 - now.ToUnixTimeSeconds() % 60);
        if (counts.KeyRequests > Scale(options.RequestsPerMinute, factor)) return new LimitVerdict(false, false, retry, "key_requests");
        if (counts.PrincipalRequests > rpm) return new LimitVerdict(false, false, retry, "principal_requests");
        if (counts.KeyTokens >= Scale(options.TokensPerMinute, factor)) return new LimitVerdict(false, false, retry, "key_tokens");
        if (counts.PrincipalTokens >= tpm) return new LimitVerdict(false, false, retry, "principal_tokens");
        return LimitVerdict.Ok;
    }

    public async ValueTask AddTokensAsync(string keyId, string principalId, int tokens, CancellationToken cancellationToken)
    {
        if (tokens <= 0) return;
        try
        {
            await counter.AddTokensAsync(keyId, principalId, time.GetUtcNow().ToUnixTimeSeconds() / 60, tokens, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger?.LogWarning("access: could not count tokens on the {Counter} counter ({Error})", counter.Name, ex.GetType().Name);
        }
    }

    private static long Scale(long limit, double factor) => Math.Max(1, (long)Math.Floor(limit * factor));
}
