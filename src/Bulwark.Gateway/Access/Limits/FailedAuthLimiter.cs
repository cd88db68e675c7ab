using System.Collections.Concurrent;
using System.Net;

namespace Bulwark.Gateway.Access.Limits;

/// <summary>
/// Counts failed authentications per remote address (one-minute windows, in process). Past the limit, that address gets
/// 429 for every attempt until the window ends, so keys cannot be guessed at speed.
/// </summary>
public sealed class FailedAuthLimiter(LimitOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<IPAddress, Entry> _entries = new();

    public bool IsBlocked(IPAddress? address, out int retryAfterSeconds)
    {
        retryAfterSeconds = 0;
        if (options.FailedAuthPerMinute == 0 || address is null || !_entries.TryGetValue(address, out var e)) return false;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        lock (e)
        {
            if (e.Window != now / 60 || e.Count < options.FailedAuthPerMinute) return false;
        }
        retryAfterSeconds = (int)Math.Max(1, 60 - now % 60);
        return true;
    }

    public void RecordFailure(IPAddress? address)
    {
        if (options.FailedAuthPerMinute == 0 || address is null) return;
        var window = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        var e = _entries.GetOrAdd(address, static _ => new Entry());
        lock (e)
        {
            if (e.Window != window)
            {
                e.Window = window;
                e.Count = 0;
            }
            e.Count++;
        }
        if (_entries.Count > 100_000) Prune(window);
    }

    private void Prune(long window)
    {
        foreach (var (k, e) in _entries)
        {
            if (e.Window < window) _entries.TryRemove(k, out _);
        }
    }

    private sealed class Entry
    {
        public long Window = long.MinValue;
        public int Count;
    }
}
