using StackExchange.Redis;

namespace Bulwark.Gateway.Access.Propagation;

/// <summary>
/// One shared StackExchange.Redis connection from a <c>redis://[:password@]host:port</c> URI. Commands fail fast while
/// disconnected (no backlog) so that callers can fail closed; the connection retries by itself every 500 ms.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly ConfigurationOptions _options;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private ConnectionMultiplexer? _multiplexer;

    public RedisConnection(string uri)
    {
        _options = Parse(uri);
    }

    public static ConfigurationOptions Parse(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var u) || u.Scheme != "redis" || string.IsNullOrEmpty(u.Host))
            throw new ArgumentException("Bus must be redis://host:port");
        var options = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            ConnectTimeout = 1000,
            SyncTimeout = 1000,
            AsyncTimeout = 1000,
            ConnectRetry = 1,
            KeepAlive = 1,
            BacklogPolicy = BacklogPolicy.FailFast,
            ReconnectRetryPolicy = new LinearRetry(500),
            ClientName = "bulwark",
        };
        options.EndPoints.Add(u.Host, u.Port > 0 ? u.Port : 6379);
        if (u.UserInfo.Length > 0)
        {
            var parts = u.UserInfo.Split(':', 2);
            if (parts.Length == 2)
            {
                if (parts[0].Length > 0) options.User = Uri.UnescapeDataString(parts[0]);
                options.Password = Uri.UnescapeDataString(parts[1]);
            }
            else
            {
                options.Password = Uri.UnescapeDataString(parts[0]);
            }
        }
        return options;
    }

    public async ValueTask<ConnectionMultiplexer> GetAsync()
    {
        if (_multiplexer is { } m) return m;
        await _connectLock.WaitAsync();
        try
        {
            return _multiplexer ??= await ConnectionMultiplexer.ConnectAsync(_options);
        }
        finally
        {
            _connectLock.Release();
        }
    }

    public async ValueTask<IDatabase> DatabaseAsync() => (await GetAsync()).GetDatabase();

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is { } m) await m.DisposeAsync();
    }
}
