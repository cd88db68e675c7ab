using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bulwark.Gateway.Tests.Support;
using CsCheck;

namespace Bulwark.Gateway.Tests.Pipeline;

/// <summary>
/// Property: whatever body any JSON route receives (valid seeds and the corpus, mutated byte-wise: flips,
/// inserts, deletions, duplicated slices that repeat keys, hostile tokens, truncation), the answer is never a 5xx and
/// the gateway stays healthy. Bounded by iterations (a few seconds); CsCheck shrinks and prints any failing input.
/// </summary>
public sealed class RouteFuzzTests : IAsyncLifetime
{
    private const int Iterations = 400;

    private static readonly string[] Seeds =
    [
        """{"model":"bulwark-sim","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"What is the capital of France?"}],"max_tokens":20,"stream":false}""",
        """{"model":"fake-gpt","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c1","content":"ok"}]}""",
        """{"model":"bulwark-sim","max_tokens":50,"system":"short","messages":[{"role":"user","content":[{"type":"text","text":"hello"},{"type":"document","source":{"type":"text","media_type":"text/plain","data":"doc"}}]}]}""",
        """{"model":"fake-claude","max_tokens":50,"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":{"a":1}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"r"}]}]}""",
        """{"principal":"fuzz","groups":["staff"],"models":["bulwark-sim"],"admin":false,"auditor":false,"expires":"30d"}""",
        """{"id":"fuzz","groups":["staff"],"tier":"gold","requestsPerMinute":100,"tokensPerMinute":1000}""",
        """{"model":"bulwark-sim","allowGroups":["staff"],"effective":"10m","reason":"fuzzing"}""",
        """{"scope":"model","name":"fake-gpt","on":false}""",
    ];

    private static readonly byte[][] Tokens =
    [
        "\\ud800"u8.ToArray(), "\\udc00"u8.ToArray(), "{"u8.ToArray(), "["u8.ToArray(), "\""u8.ToArray(), ","u8.ToArray(), "null"u8.ToArray(),
        "1e999"u8.ToArray(), "-0"u8.ToArray(), "\"model\":"u8.ToArray(), "\"content\":"u8.ToArray(), "\"source\":"u8.ToArray(),
        "\"tool_calls\":"u8.ToArray(), "\"function\":"u8.ToArray(), "\"data\":"u8.ToArray(), "[[[[[[[[[["u8.ToArray(), [0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0],
    ];

    private GatewayServer _gw = null!;
    private string _key = "";

    public async Task InitializeAsync()
    {
        _gw = await GatewayServer.StartAsync(new Dictionary<string, string?> { ["Bulwark:Policy"] = "signatures-only", ["Bulwark:Limits:RequestsPerMinute"] = "100000" });
        (_, _key) = await _gw.CreateKeyAsync("fuzzer", ["staff"]);
    }

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    /// <summary>Applies one mutation (kind, position, argument) to the body.</summary>
    private static byte[] Mutate(byte[] body, (int Kind, int Position, int Argument) m)
    {
        var list = body.ToList();
        var at = list.Count == 0 ? 0 : m.Position % list.Count;
        switch (m.Kind)
        {
            case 0 when list.Count > 0:
                list[at] = (byte)m.Argument;
                break;
            case 1:
                list.Insert(at, (byte)m.Argument);
                break;
            case 2 when list.Count > 0:
                list.RemoveRange(at, Math.Min(list.Count - at, 1 + m.Argument % 8));
                break;
            case 3 when list.Count > 0:
                var length = Math.Min(list.Count - at, 1 + m.Argument % 64);
                list.InsertRange(at, list.GetRange(at, length));
                break;
            case 4:
                list.InsertRange(at, Tokens[m.Argument % Tokens.Length]);
                break;
            case 5:
                list.RemoveRange(at, list.Count - at);
                break;
        }
        return list.ToArray();
    }

    private static readonly Gen<(int Kind, int Position, int Argument)> Mutation = Gen.Select(Gen.Int[0, 5], Gen.Int[0, 4096], Gen.Int[0, 255]);

    private static byte[][] AllSeeds() =>
        Seeds.Select(s => Encoding.UTF8.GetBytes(s)).Concat(FrontDoorCorpus.Cases().Select(c => (byte[])c[2])).ToArray();

    [Fact]
    public async Task Post_MutatedBodiesOnEveryJsonRoute_Never5xxAndStaysHealthy()
    {
        var seeds = AllSeeds();
        var gen = Gen.Select(Gen.Int[0, FrontDoorCorpus.JsonRoutes.Length - 1], Gen.Int[0, seeds.Length - 1], Mutation.Array[0, 6]);
        await gen.SampleAsync(async (route, seed, mutations) =>
        {
            var body = mutations.Aggregate(seeds[seed], Mutate);
            var path = FrontDoorCorpus.JsonRoutes[route];
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", path.StartsWith("/admin", StringComparison.Ordinal) ? _gw.AdminKey : _key);
            if (path == FrontDoorCorpus.Messages) request.Headers.Add("anthropic-version", "2023-06-01");
            using var response = await _gw.Client.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            Assert.True((int)response.StatusCode < 500, $"{path} answered {(int)response.StatusCode} to {Convert.ToBase64String(body)}");
        }, iter: Iterations, threads: 2);

        using var health = await _gw.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var ready = await _gw.Client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
