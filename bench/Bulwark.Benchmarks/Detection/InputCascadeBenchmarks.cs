using BenchmarkDotNet.Attributes;
using Bulwark.Core.Conversations;
using Bulwark.Core.Detection.Normalization;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Detection;

namespace Bulwark.Benchmarks.Detection;

/// <summary>
/// The input pipeline on a ~1 KB prompt and a 100k-character prompt: normalise + signatures + n-gram (semantic off),
/// and the full cascade with the semantic stage forced (unsure band 0..1) so its cost is always paid.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(DetectionBenchmarkConfig))]
public class InputCascadeBenchmarks
{
    private GuardPipeline _pipeline = null!;
    private Policy _ngram = null!;
    private Policy _forcedSemantic = null!;
    private Conversation _benign = null!;
    private Conversation _attack = null!;
    private Conversation _document = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pipeline = new GuardPipeline(new TextNormalizer(), TimeProvider.System);
        var definition = DefaultPolicies.Default with { GuardTimeout = TimeSpan.FromSeconds(30) };
        _ngram = DetectionGuards.CreateRegistry(new DetectionOptions { EnableSemantic = false }).Build(definition);
        _forcedSemantic = DetectionGuards.CreateRegistry(new DetectionOptions { UnsureLow = 0, UnsureHigh = 1 }).Build(definition);
        _benign = Conversation.SingleUser(BenchmarkTexts.BenignKilobyte);
        _attack = Conversation.SingleUser(BenchmarkTexts.AttackKilobyte);
        _document = Conversation.SingleUser(BenchmarkTexts.Document100k);
        // Load models and the ONNX session once, outside the measurements.
        Run(_forcedSemantic, _benign);
    }

    private Verdict Run(Policy policy, Conversation c) =>
        _pipeline.EvaluateInputAsync(policy, c, CallerInfo.Anonymous, "bench", CancellationToken.None).AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public Verdict Benign1K_NormaliseSignaturesNGram() => Run(_ngram, _benign);

    [Benchmark]
    public Verdict Attack1K_NormaliseSignaturesNGram() => Run(_ngram, _attack);

    [Benchmark]
    public Verdict Benign1K_FullCascadeWithSemantic() => Run(_forcedSemantic, _benign);

    [Benchmark]
    public Verdict Document100K_NormaliseSignaturesNGram() => Run(_ngram, _document);

    [Benchmark]
    public Verdict Document100K_FullCascadeWithSemantic() => Run(_forcedSemantic, _document);
}
