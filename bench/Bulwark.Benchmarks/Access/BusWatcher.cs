using System.Diagnostics;
using Bulwark.Gateway.Access.Propagation;
using StackExchange.Redis;

namespace Bulwark.Benchmarks.Access;

/// <summary>
/// A fourth subscriber on the access bus channel (<see cref="RedisAccessBus.Channel"/>): remembers when the last version
/// message arrived, so that a revocation's time splits into "revoke call → message on the bus" and "message → refusal".
/// </summary>
internal sealed class BusWatcher : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _connection;
    private long _lastMessage;

    private BusWatcher(ConnectionMultiplexer connection) => _connection = connection;

    public static async Task<BusWatcher> StartAsync(string bus)
    {
        var uri = new Uri(bus);
        var connection = await ConnectionMultiplexer.ConnectAsync($"{uri.Host}:{uri.Port}");
        var watcher = new BusWatcher(connection);
        await connection.GetSubscriber().SubscribeAsync(RedisAccessBus.Channel, (_, _) => Volatile.Write(ref watcher._lastMessage, Stopwatch.GetTimestamp()));
        return watcher;
    }

    /// <summary>Milliseconds from <paramref name="since"/> (a <see cref="Stopwatch"/> timestamp) to the last message, or null if none came since.</summary>
    public double? MessageAfter(long since)
    {
        var last = Volatile.Read(ref _lastMessage);
        return last > since ? Stopwatch.GetElapsedTime(since, last).TotalMilliseconds : null;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
