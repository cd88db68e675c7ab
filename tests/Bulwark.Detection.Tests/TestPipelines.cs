using Bulwark.Core.Conversations;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Detection.Guards;
using Bulwark.Detection.Models;

namespace Bulwark.Detection.Tests;

/// <summary>Pipelines and contexts over the shipped (embedded) models.</summary>
internal static class TestPipelines
{
    public static readonly DetectionOptions NGramOnly = new() { EnableSemantic = false };

    /// <summary>The embedded weights, loaded once for the test run (hosts hold one as a DI singleton).</summary>
    public static readonly ModelProvider Models = ModelProvider.CreateEmbedded();

    /// <summary>One MiniLM session for the test run, created on first use.</summary>
    public static readonly Lazy<Bulwark.Detection.Semantic.MiniLmEmbedder> Embedder = new(() => new Bulwark.Detection.Semantic.MiniLmEmbedder());

    public static Policy Policy(GuardRegistry registry) => registry.Build(new PolicyDefinition
    {
        Name = "test",
        InputGuards = [DetectionGuards.ClassifierName],
        OutputGuards = [DetectionGuards.OutputClassifierName],
        CategoryRules = DetectionGuards.RecommendedRules,
    });

    public static GuardPipeline Pipeline() => new(new Bulwark.Core.Detection.Normalization.TextNormalizer(), TimeProvider.System);

    public static ValueTask<Verdict> InputAsync(Conversation conversation, DetectionOptions? options = null)
    {
        var registry = new GuardRegistry();
        options ??= NGramOnly;
        DetectionGuards.AddTo(registry, options, Models, options.EnableSemantic ? Embedder.Value : null);
        return Pipeline().EvaluateInputAsync(Policy(registry), conversation, CallerInfo.Anonymous, "t", CancellationToken.None);
    }

    public static GuardContext Context(Conversation conversation, IReadOnlyList<ScanSegment> segments, GuardStage stage = GuardStage.Input, string window = "") => new()
    {
        Stage = stage,
        Conversation = conversation,
        Policy = new GuardRegistry().Build(new PolicyDefinition()),
        Segments = segments,
        OutputWindow = window,
        OutputSoFar = window,
    };

    public static ClassifierGuard Classifier(DetectionOptions? options = null) => new(Models, null, options ?? NGramOnly);
}
