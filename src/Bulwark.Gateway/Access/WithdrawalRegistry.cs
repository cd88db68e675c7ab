using System.Collections.Concurrent;
using Bulwark.Core.Access;

namespace Bulwark.Gateway.Access;

/// <summary>
/// One cancellation source per (key, model) in use. When a new access state (or the clock) says that key may no longer
/// use that model — revoked, expired, suspended, kill switch, directive — the source is cancelled, which ends every
/// open request holding its token. Allowed requests share the source, so the hot path only looks it up.
/// </summary>
public sealed class WithdrawalRegistry
{
    private readonly ConcurrentDictionary<(string KeyId, string Model), CancellationTokenSource> _sources = new();

    public CancellationToken TokenFor(string keyId, string? model)
    {
        var k = (keyId, model ?? "");
        if (_sources.TryGetValue(k, out var existing)) return existing.Token;
        var created = new CancellationTokenSource();
        var winner = _sources.GetOrAdd(k, created);
        if (!ReferenceEquals(winner, created)) created.Dispose();
        return winner.Token;
    }

    public int Count => _sources.Count;

    /// <summary>Cancels every source whose key may no longer use its model under <paramref name="state"/> at <paramref name="now"/>.</summary>
    public int Sweep(AccessState state, Func<string, ModelAccessRule?> ruleFor, DateTimeOffset now)
    {
        var withdrawn = 0;
        foreach (var (k, source) in _sources)
        {
            var model = k.Model.Length == 0 ? null : k.Model;
            var denial = state.Recheck(k.KeyId, model, model is null ? null : ruleFor(model), now);
            if (denial == AccessDenial.None) continue;
            if (!_sources.TryRemove(new KeyValuePair<(string, string), CancellationTokenSource>(k, source))) continue;
            withdrawn++;
            try
            {
                source.Cancel();
            }
            catch (AggregateException)
            {
                // A request's cancellation callback failed; the request is ending anyway.
            }
        }
        return withdrawn;
    }
}
