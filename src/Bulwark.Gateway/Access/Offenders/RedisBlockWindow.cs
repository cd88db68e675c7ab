using Bulwark.Gateway.Access.Propagation;
using StackExchange.Redis;

namespace Bulwark.Gateway.Access.Offenders;

/// <summary>Many nodes: one sorted set per principal (score = time), trimmed to the window, shared by every node.</summary>
public sealed class RedisBlockWindow(RedisConnection connection) : IBlockWindow
{
    private const string Script = """
        redis.call('ZADD', KEYS[1], ARGV[1], ARGV[3])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return redis.call('ZCARD', KEYS[1])
        """;

    public string Name => "redis";

    public async ValueTask<long> AddAsync(string principalId, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken)
    {
        var db = await connection.DatabaseAsync();
        var result = await db.ScriptEvaluateAsync(Script, [Key(principalId)],
            [at.ToUnixTimeMilliseconds(), (long)window.TotalMilliseconds, Guid.NewGuid().ToString("N")]);
        return (long)result;
    }

    public async ValueTask ResetAsync(string principalId, CancellationToken cancellationToken)
    {
        var db = await connection.DatabaseAsync();
        await db.KeyDeleteAsync(Key(principalId));
    }

    private static RedisKey Key(string principalId) => "bw:off:" + principalId;
}
