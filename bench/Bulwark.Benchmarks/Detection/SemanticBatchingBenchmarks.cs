using BenchmarkDotNet.Attributes;
using Bulwark.Core.Conversations;
using Bulwark.Core.Detection.Normalization;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Detection;

namespace Bulwark.Benchmarks.Detection;

/// <summary>
/// Eight prompts (about 100 B or 1 KB) scanned at once (each on its own thread-pool task, as concurrent requests are) with the semantic
/// stage forced (unsure band 0..1), with MiniLM batching across requests (MaxEmbeddingBatch 16) and without it (1).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(DetectionBenchmarkConfig))]
public class SemanticBatchingBenchmarks
{
    private const int ConcurrentRequests = 8;
    private GuardPipeline _pipeline = null!;
    private Policy _policy = null!;
    private Conversation[] _prompts = null!;

    [Params(1, 16)]
    public int MaxEmbeddingBatch { get; set; }

    [Params(100, 1024)]
    public int PromptCharacters { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _pipeline = new GuardPipeline(new TextNormalizer(), TimeProvider.System);
        var definition = DefaultPolicies.Default with { GuardTimeout = TimeSpan.FromSeconds(30) };
        var registry = DetectionGuards.CreateRegistry(new DetectionOptions { UnsureLow = 0, UnsureHigh = 1, MaxEmbeddingBatch = MaxEmbeddingBatch });
        _policy = registry.Build(definition);
        _prompts = [.. Enumerable.Range(0, ConcurrentRequests).Select(i => Conversation.SingleUser($"Request {i}. {BenchmarkTexts.BenignKilobyte}"[..PromptCharacters]))];
        // Load models and the ONNX session once, outside the measurements.
        foreach (var guard in registry.Guards) guard.WarmUpAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        Scan8Concurrent();
    }

    [Benchmark]
    public Verdict[] Scan8Concurrent() =>
        Task.WhenAll(_prompts.Select(p => Task.Run(() =>
            _pipeline.EvaluateInputAsync(_policy, p, CallerInfo.Anonymous, "bench", CancellationToken.None).AsTask()))).GetAwaiter().GetResult();
}
