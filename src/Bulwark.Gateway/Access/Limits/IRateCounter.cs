namespace Bulwark.Gateway.Access.Limits;

/// <summary>Per-minute counters for requests and tokens, per key and per principal. <c>window</c> is the minute number since the epoch.</summary>
public interface IRateCounter
{
    string Name { get; }

    /// <summary>Counts one request for the key and the principal and returns the window's counts (tokens as used so far). Throws when the counter is unreachable.</summary>
    ValueTask<RateWindow> HitAsync(string keyId, string principalId, long window, CancellationToken cancellationToken);

    ValueTask AddTokensAsync(string keyId, string principalId, long window, long tokens, CancellationToken cancellationToken);
}
