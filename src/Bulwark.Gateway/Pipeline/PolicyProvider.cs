using System.Collections.Concurrent;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Hosting;

namespace Bulwark.Gateway.Pipeline;

/// <summary>
/// The policies in force, resolved once at start-up: the built-ins plus those declared under <c>Bulwark:Policies</c>,
/// and who gets which. <see cref="Resolve"/> chooses by precedence: the key's policy, then the principal's
/// (<c>PrincipalPolicies</c>), then a group's (<c>GroupPolicies</c>; of several groups, the first in ordinal order that
/// has a binding), then the model's (<c>Models:&lt;m&gt;:Policy</c>), then the global <c>Policy</c>. A name that is unknown,
/// an <c>Extends</c> cycle or a bad threshold stops start-up (<see cref="GatewayConfigurationException"/>).
/// </summary>
public sealed class PolicyProvider
{
    private readonly IReadOnlyDictionary<string, PolicyDefinition> _definitions;
    private readonly GuardRegistry _registry;
    private readonly ConcurrentDictionary<string, Policy> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Policy> _byModel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Policy> _byGroup = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Policy> _byPrincipal = new(StringComparer.Ordinal);

    public PolicyProvider(BulwarkOptions options, GuardRegistry registry, PolicySettings? settings = null)
    {
        settings ??= new PolicySettings();
        var (definitions, errors) = PolicyCatalog.Resolve(settings.Policies, registry.StagesOf);
        if (errors.Count > 0) throw new GatewayConfigurationException("invalid Bulwark:Policies: " + string.Join("; ", errors));
        _definitions = definitions;
        _registry = registry;
        // Declared policies are built now (an unknown guard is a start-up error); built-ins when first named.
        foreach (var name in settings.Policies.Keys) _byName[name] = Build(definitions[name], registry);

        Default = Find(options.Policy, "Bulwark:Policy");
        foreach (var (model, m) in options.Models)
        {
            if (m.Policy is { Length: > 0 } name) _byModel[model] = Find(name, $"Bulwark:Models:{model}:Policy");
        }
        foreach (var (group, name) in settings.GroupPolicies) _byGroup[group] = Find(name, $"Bulwark:GroupPolicies:{group}");
        foreach (var (principal, name) in settings.PrincipalPolicies) _byPrincipal[principal] = Find(name, $"Bulwark:PrincipalPolicies:{principal}");
    }

    public Policy Default { get; }

    /// <summary>Every policy in force (one per distinct definition).</summary>
    public IEnumerable<Policy> All => _byName.Values.Prepend(Default).DistinctBy(p => p.Hash);

    /// <summary>The names a key may be bound to.</summary>
    public IEnumerable<string> Names => _definitions.Keys;

    /// <summary>The policy with this name, built on first use; false when unknown or when its guards are not registered.</summary>
    public bool TryGet(string name, out Policy policy)
    {
        policy = null!;
        var canonical = Canonical(name);
        if (_byName.TryGetValue(canonical, out var cached)) { policy = cached; return true; }
        if (!_definitions.TryGetValue(canonical, out var definition)) return false;
        try
        {
            policy = _byName.GetOrAdd(canonical, _ => Build(definition, _registry));
            return true;
        }
        catch (GatewayConfigurationException)
        {
            return false;
        }
    }

    /// <summary>The policy of a model alone (no caller): the model's, else the global one.</summary>
    public Policy For(string model) => _byModel.TryGetValue(model, out var p) ? p : Default;

    /// <summary>
    /// The policy for this caller and model, by precedence key &gt; principal &gt; group &gt; model &gt; global. Null when the
    /// key names a policy that is no longer configured: the caller is refused rather than guarded by another policy.
    /// </summary>
    public Policy? Resolve(CallerInfo caller, string model)
    {
        if (caller.Policy is { Length: > 0 } keyPolicy) return TryGet(keyPolicy, out var k) ? k : null;
        if (_byPrincipal.TryGetValue(caller.PrincipalId, out var p)) return p;
        if (_byGroup.Count > 0)
        {
            foreach (var group in caller.Groups.Order(StringComparer.Ordinal))
            {
                if (_byGroup.TryGetValue(group, out var g)) return g;
            }
        }
        return For(model);
    }

    private Policy Find(string name, string setting)
    {
        var canonical = Canonical(name);
        if (!_definitions.TryGetValue(canonical, out var definition))
            throw new GatewayConfigurationException($"{setting} names unknown policy '{name}' (known: {string.Join(", ", _definitions.Keys.Order(StringComparer.Ordinal))})");
        // Building here surfaces a built-in whose guards are not registered as a start-up error.
        return _byName.GetOrAdd(canonical, _ => Build(definition, _registry));
    }

    /// <summary>Built-in names are matched loosely ("Default", "signatures_only"); declared ones exactly.</summary>
    private string Canonical(string name) =>
        _definitions.ContainsKey(name) ? name : DefaultPolicies.ByName(name)?.Name ?? name;

    private static Policy Build(PolicyDefinition definition, GuardRegistry registry)
    {
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
