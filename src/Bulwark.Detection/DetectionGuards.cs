using Bulwark.Core.Detection;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Detection.Guards;
using Bulwark.Detection.Models;
using Bulwark.Detection.Semantic;

namespace Bulwark.Detection;

/// <summary>Entry point for hosts: a <see cref="GuardRegistry"/> with the core guards and the learned ones.</summary>
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
    /// A registry with the core guards (limits, normalize, signatures, output_signatures) and
    /// "classifier" and "output_classifier". Weights come from the assembly's embedded resources unless
    /// <see cref="DetectionOptions.ModelDirectory"/> is set. Models load lazily on first use; if they
    /// cannot load, the guards throw (fail closed) and the reason is logged once.
    /// </summary>
    public static GuardRegistry CreateRegistry(DetectionOptions? options = null)
    {
        var registry = new GuardRegistry();
        CoreGuards.RegisterCoreGuards(registry);
        AddTo(registry, options);
        return registry;
    }

    /// <summary>Adds only the learned guards to an existing registry.</summary>
    public static GuardRegistry AddTo(GuardRegistry registry, DetectionOptions? options = null)
    {
        options ??= new DetectionOptions();
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException("invalid detection options: " + string.Join("; ", errors), nameof(options));
        var provider = Provider(options);
        registry.Add(new ClassifierGuard(provider, MiniLmEmbedder.Instance, options));
        registry.Add(new OutputClassifierGuard(provider, options));
        return registry;
    }

    /// <summary>
    /// Loads the shipped weights and the MiniLM session and runs the encoder once, so that the first request that
    /// escalates to the semantic stage does not pay the model load inside its guard timeout. Throws when the models
    /// cannot load (the guards would then fail closed anyway).
    /// </summary>
    public static void WarmUp(DetectionOptions? options = null)
    {
        options ??= new DetectionOptions();
        var provider = Provider(options);
        provider.Get();
        if (options.EnableSemantic) MiniLmEmbedder.Instance.Embed(["Warm-up sentence for the encoder."], CancellationToken.None);
    }

    /// <summary>
    /// The per-category flag and block points the weights were calibrated at (reported score units, with the out-of-fold
    /// curve behind each), for policies with separate flag and block thresholds per category. Loads the weights.
    /// </summary>
    public static OperatingPoints OperatingPointsOf(DetectionOptions? options = null)
    {
        options ??= new DetectionOptions();
        var provider = Provider(options);
        return provider.Get().OperatingPoints;
    }

    private static ModelProvider Provider(DetectionOptions options) =>
        options.ModelDirectory is { } dir ? ModelProvider.FromDirectory(dir, options.Log) : ModelProvider.Embedded.WithLog(options.Log);

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
