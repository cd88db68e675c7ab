using Bulwark.Core.Detection;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Detection.Guards;
using Bulwark.Detection.Models;
using Bulwark.Detection.Semantic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bulwark.Detection;

/// <summary>Entry point for hosts: the learned guards as DI services, or a hand-built <see cref="GuardRegistry"/> for tools.</summary>
public static class DetectionGuards
{
    public const string ClassifierName = "classifier";
    public const string OutputClassifierName = "output_classifier";

    /// <summary>
    /// Category rules for the learned guards' findings. Scores are calibrated so that the threshold chosen at
    /// training time on out-of-fold benign rows lands on 0.8 for attack categories and 0.7 for harm categories
    /// and harmful_output (<see cref="ScoreAnchors"/>): the same thresholds as DefaultPolicies.Default.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, CategoryRule> RecommendedRules = BuildRules();

    /// <summary>
    /// Registers the learned guards "classifier" and "output_classifier" with their weights (a <see cref="ModelProvider"/>)
    /// and the MiniLM embedder as DI singletons; the embedder is wrapped in a <see cref="BatchingSentenceEmbedder"/> unless
    /// <see cref="DetectionOptions.MaxEmbeddingBatch"/> is 1. Weights come from the assembly's embedded resources unless
    /// <see cref="DetectionOptions.ModelDirectory"/> is set; they load in the guards' WarmUpAsync (or on first use). If
    /// they cannot load, the guards throw (fail closed) and the reason is logged once.
    /// </summary>
    public static IServiceCollection AddBulwarkDetection(this IServiceCollection services, DetectionOptions? options = null)
    {
        options = Validated(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(_ => ModelProvider.For(options));
        services.TryAddSingleton<MiniLmEmbedder>();
        services.TryAddSingleton<ISentenceEmbedder>(sp => Batched(sp.GetRequiredService<MiniLmEmbedder>(), options));
        return services.AddBulwarkGuard<ClassifierGuard>().AddBulwarkGuard<OutputClassifierGuard>();
    }

    /// <summary>A registry built by hand (tools without DI) with the core guards and the learned ones.</summary>
    public static GuardRegistry CreateRegistry(DetectionOptions? options = null)
    {
        var registry = new GuardRegistry();
        CoreGuards.RegisterCoreGuards(registry);
        AddTo(registry, options);
        return registry;
    }

    /// <summary>Adds only the learned guards to an existing registry, with their own weights and embedder.</summary>
    public static GuardRegistry AddTo(GuardRegistry registry, DetectionOptions? options = null)
    {
        options = Validated(options);
        return AddTo(registry, options, ModelProvider.For(options), options.EnableSemantic ? Batched(new MiniLmEmbedder(), options) : null);
    }

    /// <summary>Adds only the learned guards to an existing registry, sharing the given weights and embedder.</summary>
    public static GuardRegistry AddTo(GuardRegistry registry, DetectionOptions options, ModelProvider models, ISentenceEmbedder? embedder)
    {
        ArgumentNullException.ThrowIfNull(registry);
        options = Validated(options);
        registry.Add(new ClassifierGuard(models, embedder, options));
        registry.Add(new OutputClassifierGuard(models, options));
        return registry;
    }

    /// <summary>The embedder as the guards use it: batched across concurrent requests unless MaxEmbeddingBatch is 1.</summary>
    public static ISentenceEmbedder Batched(ISentenceEmbedder embedder, DetectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(options);
        return options.MaxEmbeddingBatch > 1 ? new BatchingSentenceEmbedder(embedder, options.MaxEmbeddingBatch) : embedder;
    }

    private static DetectionOptions Validated(DetectionOptions? options)
    {
        options ??= new DetectionOptions();
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException("invalid detection options: " + string.Join("; ", errors), nameof(options));
        return options;
    }

    /// <summary>
    /// The per-category flag and block points the weights were calibrated at (reported score units, with the out-of-fold
    /// curve behind each), for policies with separate flag and block thresholds per category. Loads the weights.
    /// </summary>
    public static OperatingPoints OperatingPointsOf(DetectionOptions? options = null)
    {
        return ModelProvider.For(Validated(options)).Get().OperatingPoints;
    }

    private static Dictionary<string, CategoryRule> BuildRules()
    {
        var rules = new Dictionary<string, CategoryRule>(StringComparer.Ordinal)
        {
            [Categories.Jailbreak] = new(GuardAction.Block, ScoreAnchors.Attack),
            [Categories.PromptInjection] = new(GuardAction.Block, ScoreAnchors.Attack),
            [Categories.PromptExtraction] = new(GuardAction.Block, ScoreAnchors.Attack),
            [Categories.HarmfulOutput] = new(GuardAction.Block, ScoreAnchors.Harm),
        };
        foreach (var harm in Categories.Harms) rules[harm] = new(GuardAction.Block, ScoreAnchors.Harm);
        return rules;
    }
}
