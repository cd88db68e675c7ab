using BenchmarkDotNet.Attributes;
using Bulwark.Core.Conversations;
using Bulwark.Core.Detection.Normalization;
using Bulwark.Core.Detection.Signatures;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Detection;

namespace Bulwark.Benchmarks.Detection;

/// <summary>
/// The stages of the 1 KB benign input pipeline one by one: the normaliser alone, the signature scan alone, and the
/// pipeline without the classifier (limits, normalize, signatures), to see where the cascade's time goes.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(DetectionBenchmarkConfig))]
public class DetectionStageBenchmarks
{
    private readonly TextNormalizer _normalizer = new();
    private GuardPipeline _pipeline = null!;
    private Policy _noClassifier = null!;
    private Conversation _benign = null!;
    private IReadOnlyList<ScanSegment> _segments = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pipeline = new GuardPipeline(_normalizer, TimeProvider.System);
        var definition = DefaultPolicies.Default with { GuardTimeout = TimeSpan.FromSeconds(30), InputGuards = ["limits", "normalize", "signatures"] };
        _noClassifier = DetectionGuards.CreateRegistry(new DetectionOptions { EnableSemantic = false }).Build(definition);
        _benign = Conversation.SingleUser(BenchmarkTexts.BenignKilobyte);
        _segments = [new ScanSegment(_normalizer.Normalize(BenchmarkTexts.BenignKilobyte).Text, MessageRole.User, false, 0)];
        SignatureCatalog.WarmUp();
    }

    [Benchmark]
    public NormalizedText Benign1K_NormalizeOnly() => _normalizer.Normalize(BenchmarkTexts.BenignKilobyte);

    [Benchmark]
    public int Benign1K_SignaturesOnly() => SignatureMatcher.Scan(_segments, SignatureCatalog.Input, true, CancellationToken.None).Count;

    [Benchmark]
    public Verdict Benign1K_PipelineWithoutClassifier() =>
        _pipeline.EvaluateInputAsync(_noClassifier, _benign, CallerInfo.Anonymous, "bench", CancellationToken.None).AsTask().GetAwaiter().GetResult();
}
