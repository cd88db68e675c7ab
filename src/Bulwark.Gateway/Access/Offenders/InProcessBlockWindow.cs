using System.Collections.Concurrent;

namespace Bulwark.Gateway.Access.Offenders;

/// <summary>Single node: block times per principal in memory.</summary>
public sealed class InProcessBlockWindow : IBlockWindow
{
    private readonly ConcurrentDictionary<string, Queue<long>> _blocks = new(StringComparer.Ordinal);

    public string Name => "memory";

    public ValueTask<long> AddAsync(string principalId, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken)
    {
        var q = _blocks.GetOrAdd(principalId, static _ => new Queue<long>());
        var now = at.ToUnixTimeMilliseconds();
        lock (q)
        {
            q.Enqueue(now);
            while (q.Count > 0 && q.Peek() <= now - (long)window.TotalMilliseconds) q.Dequeue();
            return ValueTask.FromResult((long)q.Count);
        }
    }

    public ValueTask ResetAsync(string principalId, CancellationToken cancellationToken)
    {
        _blocks.TryRemove(principalId, out _);
        return ValueTask.CompletedTask;
    }
}
