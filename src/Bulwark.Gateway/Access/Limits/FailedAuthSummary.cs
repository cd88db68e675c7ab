using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Auditing;

namespace Bulwark.Gateway.Access.Limits;

/// <summary>
/// Turns unauthenticated noise into counted audit records: one "auth_failures" record per client address and window
/// (who tried, how often, from when to when, with which outcome, on which routes, naming the key ids the store knows),
/// instead of one permanent record per keyless request. Records are taken when their window has ended
/// (<see cref="TakeClosed"/>) and at shutdown; <see cref="FailedAuthSummaryService"/> appends them.
/// </summary>
public sealed class FailedAuthSummary(TimeProvider time, TimeSpan? window = null)
{
    public const string Kind = "auth_failures";

    private const int MaxAddresses = 50_000;
    private const int MaxListed = 16;
    private readonly long _windowSeconds = (long)(window ?? TimeSpan.FromMinutes(1)).TotalSeconds;
    private readonly ConcurrentDictionary<(string Address, long Window), Tally> _tallies = new();
    private long _dropped;

    public TimeSpan Window => TimeSpan.FromSeconds(_windowSeconds);

    /// <summary>Counts one failed attempt. <paramref name="keyId"/> is a key id the store knows, or null.</summary>
    public void Record(IPAddress? address, string? keyId, string reason, string route)
    {
        var now = time.GetUtcNow();
        var slot = now.ToUnixTimeSeconds() / _windowSeconds;
        var who = address?.ToString() ?? "unknown";
        if (!_tallies.TryGetValue((who, slot), out var tally))
        {
            if (_tallies.Count >= MaxAddresses)
            {
                // Past this many addresses in one window, the rest is counted under one line rather than kept apart.
                Interlocked.Increment(ref _dropped);
                who = "other";
            }
            tally = _tallies.GetOrAdd((who, slot), static _ => new Tally());
        }
        lock (tally)
        {
            if (tally.Count == 0) tally.First = now;
            tally.Last = now;
            tally.Count++;
            Add(tally.Reasons, reason);
            if (tally.Routes.Count < MaxListed || tally.Routes.ContainsKey(route)) Add(tally.Routes, route);
            if (keyId is not null && tally.KeyIds.Count < MaxListed) tally.KeyIds.Add(keyId);
        }
    }

    /// <summary>Removes and returns the records of windows that have ended (or of all windows, at shutdown).</summary>
    public IReadOnlyList<AuditRecord> TakeClosed(bool all = false)
    {
        var current = time.GetUtcNow().ToUnixTimeSeconds() / _windowSeconds;
        var records = new List<AuditRecord>();
        foreach (var ((address, slot), _) in _tallies)
        {
            if (!all && slot >= current) continue;
            if (!_tallies.TryRemove((address, slot), out var tally)) continue;
            lock (tally) records.Add(ToRecord(address, slot, tally));
        }
        records.Sort((a, b) => a.Time.CompareTo(b.Time));
        return records;
    }

    private AuditRecord ToRecord(string address, long slot, Tally tally)
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(slot * _windowSeconds);
        return new AuditRecord
        {
            Kind = Kind, Time = tally.Last, RequestId = "authfail-" + address.Replace(':', '.') + "-" + slot.ToString(CultureInfo.InvariantCulture),
            Outcome = "denied", Status = 401, Reason = "failed_authentication", Actor = address,
            Details = new JsonObject
            {
                ["address"] = address, ["count"] = tally.Count,
                ["window_start"] = start.ToString("O", CultureInfo.InvariantCulture),
                ["window_seconds"] = _windowSeconds,
                ["first"] = tally.First.ToString("O", CultureInfo.InvariantCulture),
                ["last"] = tally.Last.ToString("O", CultureInfo.InvariantCulture),
                ["reasons"] = Counts(tally.Reasons), ["routes"] = Counts(tally.Routes),
                ["key_ids"] = new JsonArray(tally.KeyIds.Order(StringComparer.Ordinal).Select(k => (JsonNode)JsonValue.Create(k)).ToArray()),
            },
        };
    }

    private static JsonObject Counts(Dictionary<string, long> counts)
    {
        var o = new JsonObject();
        foreach (var (k, v) in counts.OrderBy(p => p.Key, StringComparer.Ordinal)) o[k] = v;
        return o;
    }

    private static void Add(Dictionary<string, long> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private sealed class Tally
    {
        public long Count;
        public DateTimeOffset First;
        public DateTimeOffset Last;
        public readonly Dictionary<string, long> Reasons = new(StringComparer.Ordinal);
        public readonly Dictionary<string, long> Routes = new(StringComparer.Ordinal);
        public readonly HashSet<string> KeyIds = new(StringComparer.Ordinal);
    }
}
