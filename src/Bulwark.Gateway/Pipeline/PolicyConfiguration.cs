using System.Globalization;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Gateway.Hosting;
using Microsoft.Extensions.Configuration;

namespace Bulwark.Gateway.Pipeline;

/// <summary>
/// Reads <see cref="PolicySettings"/> from the "Bulwark" section, strictly: a threshold that is not a number, an action
/// or Pii mode that is not one of the allowed words, or a timeout that is not a time span stops start-up with the
/// setting's path (<see cref="GatewayConfigurationException"/>, exit 2).
/// </summary>
public static class PolicyConfiguration
{
    public static PolicySettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Bulwark");
        var policies = new Dictionary<string, PolicySpec>(StringComparer.Ordinal);
        foreach (var p in section.GetSection("Policies").GetChildren()) policies[p.Key] = ReadSpec(p);
        return new PolicySettings
        {
            Policies = policies,
            GroupPolicies = Names(section.GetSection("GroupPolicies")),
            PrincipalPolicies = Names(section.GetSection("PrincipalPolicies")),
        };
    }

    private static PolicySpec ReadSpec(IConfigurationSection p)
    {
        var categories = new Dictionary<string, CategoryRuleSpec>(StringComparer.Ordinal);
        foreach (var c in p.GetSection("Categories").GetChildren())
        {
            categories[c.Key] = new CategoryRuleSpec
            {
                FlagAt = Number(c, "FlagAt"), BlockAt = Number(c, "BlockAt"), Action = Enum<GuardAction>(c, "Action", "Block, Flag or Allow"),
            };
        }
        var guards = p.GetSection("Guards");
        return new PolicySpec
        {
            Extends = p["Extends"],
            Categories = categories,
            Guards = new GuardChanges { Add = List(guards.GetSection("Add")), Remove = List(guards.GetSection("Remove")) },
            Pii = Enum<PiiMode>(p, "Pii", "Off, Flag, Block or Redact"),
            ExternalGuards = List(p.GetSection("ExternalGuards")),
            OnGuardError = Enum<GuardAction>(p, "OnGuardError", "Block, Flag or Allow"),
            GuardTimeout = Time(p, "GuardTimeout"),
        };
    }

    private static Dictionary<string, string> Names(IConfigurationSection section) =>
        section.GetChildren().Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value!.Trim(), StringComparer.Ordinal);

    /// <summary>A list given as an array (children) or as one comma-separated value.</summary>
    private static string[] List(IConfigurationSection section)
    {
        if (section.Value is { } single) return single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return section.GetChildren().Select(c => c.Value?.Trim()).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToArray();
    }

    private static double? Number(IConfigurationSection section, string key)
    {
        if (section[key] is not { } text) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1) return value;
        throw new GatewayConfigurationException($"invalid {section.Path}:{key} '{text}': must be a number in 0..1");
    }

    private static T? Enum<T>(IConfigurationSection section, string key, string allowed) where T : struct, Enum
    {
        if (section[key] is not { } text) return null;
        if (System.Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !char.IsAsciiDigit(text.Trim()[0])) return value;
        throw new GatewayConfigurationException($"invalid {section.Path}:{key} '{text}': must be {allowed}");
    }

    private static TimeSpan? Time(IConfigurationSection section, string key)
    {
        if (section[key] is not { } text) return null;
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero) return value;
        throw new GatewayConfigurationException($"invalid {section.Path}:{key} '{text}': must be a positive time span like 00:00:02");
    }
}
