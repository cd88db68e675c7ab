using BenchmarkDotNet.Attributes;
using Bulwark.Core.Conversations;
using Bulwark.Core.Detection.Normalization;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Detection;

namespace Bulwark.Benchmarks.Detection;

/// <summary>
/// The default input policy (limits, normalize, signatures, classifier with the semantic stage as shipped) on ordinary
/// prompts of 100 B, 1 KB, 8 KB and 100 KB and on 50 K characters of leetspeak: what one request costs end to end.
/// The 100 KB prompt runs with the limits lifted so that it is judged rather than refused for size.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(DetectionBenchmarkConfig))]
public class PromptSizeBenchmarks
{
    private GuardPipeline _pipeline = null!;
    private Policy _policy = null!;

    [Params("100B", "1KB", "8KB", "100KB", "leet50K")]
    public string Prompt { get; set; } = "1KB";

    private Conversation _conversation = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pipeline = new GuardPipeline(new TextNormalizer(), TimeProvider.System);
        var definition = DefaultPolicies.Default with
        {
            GuardTimeout = TimeSpan.FromSeconds(30),
            Limits = DefaultPolicies.Default.Limits with { MaxTotalCharacters = 1_000_000, MaxTokens = 1_000_000 },
        };
        _policy = DetectionGuards.CreateRegistry(new DetectionOptions()).Build(definition);
        _conversation = Conversation.SingleUser(Prompt switch
        {
            "100B" => BenchmarkTexts.Benign100B,
            "1KB" => BenchmarkTexts.BenignKilobyte,
            "8KB" => BenchmarkTexts.Benign8K,
            "100KB" => BenchmarkTexts.Benign100K,
            _ => BenchmarkTexts.Leetspeak50K,
        });
        foreach (var guard in _policy.InputGuards) guard.WarmUpAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        Judge();
    }

    [Benchmark]
    public Verdict Judge() =>
        _pipeline.EvaluateInputAsync(_policy, _conversation, CallerInfo.Anonymous, "bench", CancellationToken.None).AsTask().GetAwaiter().GetResult();
}
