using Bulwark.Core.Guards;

namespace Bulwark.Core.Policies;

/// <summary>
/// The built-in policies. <see cref="Default"/> is what <c>bulwark serve</c> uses with no configuration.
/// Signature-driven categories block at 0.8: one strong signature (about 0.9) blocks, one weak one (about 0.55) flags
/// (every category flags from <see cref="FlagAt"/>), two weak ones combine to 0.8 and block. Harm categories block at
/// 0.7 (the learned-detector thresholds are tuned separately). Obfuscation on its own is flagged, never blocked.
/// </summary>
public static class DefaultPolicies
{
    public const string DefaultName = "default";
    public const string SignaturesOnlyName = "signatures-only";
    public const string PermissiveName = "permissive";
    public const string OffName = "off";

    /// <summary>Where the blocking built-in policies start flagging a category.</summary>
    public const double FlagAt = 0.45;

    /// <summary>The names of the built-in policies.</summary>
    public static IReadOnlyList<string> Names { get; } = [DefaultName, SignaturesOnlyName, PermissiveName, OffName];

    private static Dictionary<string, CategoryRule> BlockingRules()
    {
        var rules = new Dictionary<string, CategoryRule>(StringComparer.Ordinal)
        {
            [Categories.Jailbreak] = new(FlagAt, 0.8),
            [Categories.PromptInjection] = new(FlagAt, 0.8),
            [Categories.PromptExtraction] = new(FlagAt, 0.8),
            [Categories.Obfuscation] = new(GuardAction.Flag, FlagAt),
            [Categories.HarmfulOutput] = new(FlagAt, 0.7),
            [Categories.Limits] = new(GuardAction.Block, 0.5),
            [Categories.GuardError] = new(GuardAction.Block, 0.5),
            [Categories.Pii] = new(GuardAction.Allow, 1.0),
        };
        foreach (var harm in Categories.Harms) rules[harm] = new(FlagAt, 0.7);
        // The most severe harms block earlier.
        rules[Categories.WeaponsCbrn] = new(FlagAt, 0.6);
        rules[Categories.SexualMinors] = new(FlagAt, 0.5);
        return rules;
    }

    public static PolicyDefinition Default { get; } = new()
    {
        Name = DefaultName,
        InputGuards = ["limits", "normalize", "signatures", "classifier"],
        OutputGuards = ["output_signatures", "output_classifier"],
        CategoryRules = BlockingRules(),
        DefaultRule = new(FlagAt, 0.7),
        OnGuardError = GuardAction.Block,
        GuardTimeout = TimeSpan.FromSeconds(2),
        StreamWindowCharacters = 64,
    };

    /// <summary>Like <see cref="Default"/> without the learned guards: what runs with no model files.</summary>
    public static PolicyDefinition SignaturesOnly { get; } = Default with
    {
        Name = SignaturesOnlyName,
        InputGuards = ["limits", "normalize", "signatures"],
        OutputGuards = ["output_signatures"],
    };

    /// <summary>Every guard runs, nothing is blocked except hard limits: findings are flagged for review.</summary>
    public static PolicyDefinition Permissive { get; } = Default with
    {
        Name = PermissiveName,
        CategoryRules = PermissiveRules(),
        DefaultRule = new(GuardAction.Flag, 0.5),
        OnGuardError = GuardAction.Flag,
    };

    /// <summary>No guards at all (benchmarks with guards off).</summary>
    public static PolicyDefinition Off { get; } = new()
    {
        Name = OffName,
        InputGuards = [],
        OutputGuards = [],
        CategoryRules = new Dictionary<string, CategoryRule>(StringComparer.Ordinal),
        DefaultRule = new(GuardAction.Allow, 1.0),
        OnGuardError = GuardAction.Allow,
    };

    public static IReadOnlyList<PolicyDefinition> All { get; } = [Default, SignaturesOnly, Permissive, Off];

    /// <summary>The built-in policy with this name (case-insensitive; "signatures_only" and "signatures" also work), or null.</summary>
    public static PolicyDefinition? ByName(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        return name.Trim().ToLowerInvariant() switch
        {
            DefaultName => Default,
            SignaturesOnlyName or "signatures_only" or "signaturesonly" or "signatures" => SignaturesOnly,
            PermissiveName => Permissive,
            OffName or "none" => Off,
            _ => null,
        };
    }

    private static Dictionary<string, CategoryRule> PermissiveRules()
    {
        var rules = new Dictionary<string, CategoryRule>(StringComparer.Ordinal);
        foreach (var (category, rule) in BlockingRules())
            rules[category] = category is Categories.Limits or Categories.Pii ? rule : new CategoryRule(GuardAction.Flag, Math.Min(rule.FlagAt, 0.5));
        return rules;
    }
}
