using System.Collections.Concurrent;
using System.Net;

namespace Bulwark.Gateway.Access.Limits;

/// <summary>
/// Counts failed authentications per client address and presented key id (one-minute windows, in process). Past the
/// limit, that pair gets 429 until the window ends, so keys cannot be guessed at speed. The key id is the public part of
/// a presented key when the store knows it; every other attempt from the address (no key, garbage, unknown ids) shares
/// one bucket. A valid key therefore keeps working from an address where someone else keeps failing; only guesses aimed
/// at that very key id from that address can hold it up.
/// </summary>
public sealed class FailedAuthLimiter(LimitOptions options, TimeProvider time)
{
    /// <summary>The bucket for attempts that name no key the store knows.</summary>
    public const string UnknownKey = "";

    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<(IPAddress Address, string KeyId), Entry> _entries = new();

    public bool IsBlocked(IPAddress? address, string keyId, out int retryAfterSeconds)
    {
        retryAfterSeconds = 0;
        if (options.FailedAuthPerMinute == 0 || address is null || !_entries.TryGetValue((address, keyId), out var e)) return false;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        lock (e)
        {
            if (e.Window != now / 60 || e.Count < options.FailedAuthPerMinute) return false;
        }
        retryAfterSeconds = (int)Math.Max(1, 60 - now % 60);
        return true;
    }

    public void RecordFailure(IPAddress? address, string keyId)
    {
        if (options.FailedAuthPerMinute == 0 || address is null) return;
        var window = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        var e = _entries.GetOrAdd((address, keyId), static _ => new Entry());
        lock (e)
        {
            if (e.Window != window)
            {
                e.Window = window;
                e.Count = 0;
            }
            e.Count++;
        }
        if (_entries.Count > MaxEntries) Prune(window);
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
