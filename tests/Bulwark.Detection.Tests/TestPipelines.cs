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

    public static Policy Policy(GuardRegistry registry) => registry.Build(new PolicyDefinition
    {
        Name = "test",
        InputGuards = [DetectionGuards.ClassifierName],
        OutputGuards = [DetectionGuards.OutputClassifierName],
        CategoryRules = DetectionGuards.RecommendedRules,
    });

    public static GuardPipeline Pipeline() => new(Bulwark.Core.Detection.Normalization.TextNormalizer.Shared, TimeProvider.System);

    public static ValueTask<Verdict> InputAsync(Conversation conversation, DetectionOptions? options = null)
    {
        var registry = new GuardRegistry();
        DetectionGuards.AddTo(registry, options ?? NGramOnly);
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

    public static ClassifierGuard Classifier(DetectionOptions? options = null) => new(ModelProvider.Embedded, null, options ?? NGramOnly);
}
