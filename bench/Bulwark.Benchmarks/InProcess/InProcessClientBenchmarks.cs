using BenchmarkDotNet.Attributes;
using Bulwark.Core.Policies;
using Bulwark.Extensions.AI;
using Microsoft.Extensions.AI;

namespace Bulwark.Benchmarks.InProcess;

/// <summary>
/// Latency UseBulwark() adds to an in-process IChatClient call: the same instant inner client bare, behind the
/// signatures-only policy, and behind the default policy (learned guards, embedded models), for a benign ~300-character prompt.
/// </summary>
[MemoryDiagnoser]
public class InProcessClientBenchmarks
{
    private const string Prompt = "I am planning a three-day trip to Lisbon in spring. Which neighbourhoods are good for walking, " +
                                  "what local dishes should I try, and how do I get from the airport to the city centre by public transport?";

    private IChatClient _bare = null!;
    private IChatClient _signatures = null!;
    private IChatClient _default = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _bare = new InstantChatClient();
        _signatures = new ChatClientBuilder(new InstantChatClient()).UseBulwark(o => o.Policy = DefaultPolicies.SignaturesOnlyName).Build();
        _default = new ChatClientBuilder(new InstantChatClient()).UseBulwark().Build();
        await _signatures.GetResponseAsync(Prompt);
        await _default.GetResponseAsync(Prompt);
    }

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> Bare() => _bare.GetResponseAsync(Prompt);

    [Benchmark]
    public Task<ChatResponse> SignaturesOnly() => _signatures.GetResponseAsync(Prompt);

    [Benchmark]
    public Task<ChatResponse> DefaultPolicy() => _default.GetResponseAsync(Prompt);
}
