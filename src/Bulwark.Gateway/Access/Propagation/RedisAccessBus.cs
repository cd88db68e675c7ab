using System.Globalization;
using StackExchange.Redis;

namespace Bulwark.Gateway.Access.Propagation;

/// <summary>
/// Many nodes: version bumps on the Redis channel <c>bulwark:access:version</c>. Once subscribed, StackExchange.Redis
/// re-subscribes after reconnects; a subscription that failed (Redis down at start) is retried on every heartbeat.
/// </summary>
public sealed class RedisAccessBus(RedisConnection connection) : IAccessBus
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("bulwark:access:version");
    private Func<long, Task>? _handler;
    private int _subscribed;

    public string Name => "redis";

    public bool IsShared => true;

    public async Task PublishAsync(long version, CancellationToken cancellationToken)
    {
        var mux = await connection.GetAsync();
        await mux.GetSubscriber().PublishAsync(Channel, version.ToString(CultureInfo.InvariantCulture));
    }

    public async Task SubscribeAsync(Func<long, Task> onVersion, CancellationToken cancellationToken)
    {
        _handler = onVersion;
        await TrySubscribeAsync();
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            var mux = await connection.GetAsync();
            if (!mux.IsConnected) return false;
            if (_handler is not null && Volatile.Read(ref _subscribed) == 0 && !await TrySubscribeAsync()) return false;
            // A round trip on the subscription connection proves the bus carries messages, not only commands.
            await mux.GetSubscriber().PingAsync();
            await mux.GetDatabase().PingAsync();
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            return false;
        }
    }

    private async Task<bool> TrySubscribeAsync()
    {
        if (_handler is not { } handler) return false;
        try
        {
            var mux = await connection.GetAsync();
            await mux.GetSubscriber().SubscribeAsync(Channel, (channel, value) =>
            {
                if (long.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) _ = handler(v);
            });
            Volatile.Write(ref _subscribed, 1);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return false;
        }
    }
}
