using System.Collections.Concurrent;

namespace Bulwark.Gateway.Access.Limits;

/// <summary>Single node: counters in memory, one small lock per counter, reset when the minute changes.</summary>
public sealed class InProcessRateCounter : IRateCounter
{
    private readonly ConcurrentDictionary<(char Kind, string Id), Counter> _counters = new();

    public string Name => "memory";

    public ValueTask<RateWindow> HitAsync(string keyId, string principalId, long window, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new RateWindow(
            Get('k', keyId).Add(window, 1), Get('p', principalId).Add(window, 1),
            Get('K', keyId).Add(window, 0), Get('P', principalId).Add(window, 0)));

    public ValueTask AddTokensAsync(string keyId, string principalId, long window, long tokens, CancellationToken cancellationToken)
    {
        Get('K', keyId).Add(window, tokens);
        Get('P', principalId).Add(window, tokens);
        return ValueTask.CompletedTask;
    }

    private Counter Get(char kind, string id) => _counters.GetOrAdd((kind, id), static _ => new Counter());

    private sealed class Counter
    {
        private long _window = long.MinValue;
        private long _count;

        public long Add(long window, long by)
        {
            lock (this)
            {
                if (window != _window)
                {
                    if (window < _window) return by; // a late caller from a past minute: count it alone
                    _window = window;
                    _count = 0;
                }
                _count += by;
                return _count;
            }
        }
    }
}
