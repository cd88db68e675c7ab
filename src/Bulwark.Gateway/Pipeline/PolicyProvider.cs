using Bulwark.Core.Policies;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Hosting;

namespace Bulwark.Gateway.Pipeline;

/// <summary>The policies in force, resolved once at start-up: the gateway default and any per-model override.</summary>
public sealed class PolicyProvider
{
    private readonly Dictionary<string, Policy> _byModel = new(StringComparer.Ordinal);

    public PolicyProvider(BulwarkOptions options, GuardRegistry registry)
    {
        Default = Build(options.Policy, registry);
        foreach (var (model, m) in options.Models)
        {
            if (m.Policy is { Length: > 0 } name && name != options.Policy) _byModel[model] = Build(name, registry);
        }
    }

    public Policy Default { get; }

    /// <summary>Every distinct policy in force.</summary>
    public IEnumerable<Policy> All => _byModel.Values.Prepend(Default).DistinctBy(p => p.Hash);

    public Policy For(string model) => _byModel.TryGetValue(model, out var p) ? p : Default;

    private static Policy Build(string name, GuardRegistry registry)
    {
        var definition = DefaultPolicies.ByName(name)
            ?? throw new GatewayConfigurationException($"unknown policy '{name}' (known: default, signatures-only, permissive, off)");
        try
        {
            return registry.Build(definition);
        }
        catch (ArgumentException ex)
        {
            throw new GatewayConfigurationException(ex.Message);
        }
    }
}
