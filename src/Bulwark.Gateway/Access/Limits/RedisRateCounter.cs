using System.Globalization;
using Bulwark.Gateway.Access.Propagation;
using StackExchange.Redis;

namespace Bulwark.Gateway.Access.Limits;

/// <summary>Many nodes: counters in Redis, one Lua script per request (INCR + PEXPIRE, GET), shared by every node.</summary>
public sealed class RedisRateCounter(RedisConnection connection) : IRateCounter
{
    private const string HitScript = """
        local a = redis.call('INCR', KEYS[1]); if a == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        local b = redis.call('INCR', KEYS[2]); if b == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[1]) end
        local c = tonumber(redis.call('GET', KEYS[3]) or '0')
        local d = tonumber(redis.call('GET', KEYS[4]) or '0')
        return {a, b, c, d}
        """;

    private const string AddScript = """
        local a = redis.call('INCRBY', KEYS[1], ARGV[2]); if a == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        local b = redis.call('INCRBY', KEYS[2], ARGV[2]); if b == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[2], ARGV[1]) end
        return 1
        """;

    private static readonly RedisValue TtlMs = 120_000;

    public string Name => "redis";

    public async ValueTask<RateWindow> HitAsync(string keyId, string principalId, long window, CancellationToken cancellationToken)
    {
        var db = await connection.DatabaseAsync();
        var w = window.ToString(CultureInfo.InvariantCulture);
        var result = (RedisResult[])(await db.ScriptEvaluateAsync(HitScript,
            [$"bw:rl:rk:{keyId}:{w}", $"bw:rl:rp:{principalId}:{w}", $"bw:rl:tk:{keyId}:{w}", $"bw:rl:tp:{principalId}:{w}"], [TtlMs]))!;
        return new RateWindow((long)result[0], (long)result[1], (long)result[2], (long)result[3]);
    }

    public async ValueTask AddTokensAsync(string keyId, string principalId, long window, long tokens, CancellationToken cancellationToken)
    {
        if (tokens <= 0) return;
        var db = await connection.DatabaseAsync();
        var w = window.ToString(CultureInfo.InvariantCulture);
        await db.ScriptEvaluateAsync(AddScript, [$"bw:rl:tk:{keyId}:{w}", $"bw:rl:tp:{principalId}:{w}"], [TtlMs, tokens]);
    }
}
