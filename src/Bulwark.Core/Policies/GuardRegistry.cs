using Bulwark.Core.Guards;

namespace Bulwark.Core.Policies;

/// <summary>
/// Guards by name, so that a <see cref="PolicyDefinition"/> (data) can be turned into a <see cref="Policy"/>. Hosts build
/// it from every <see cref="IGuard"/> registered in DI (<c>services.AddBulwarkGuard&lt;T&gt;()</c>).
/// </summary>
public sealed class GuardRegistry
{
    private readonly Dictionary<string, IGuard> _guards = new(StringComparer.Ordinal);

    public GuardRegistry()
    {
    }

    public GuardRegistry(IEnumerable<IGuard> guards)
    {
        foreach (var guard in guards) Add(guard);
    }

    public GuardRegistry Add(IGuard guard)
    {
        if (!_guards.TryAdd(guard.Name, guard)) throw new ArgumentException($"guard '{guard.Name}' registered twice");
        return this;
    }

    public IReadOnlyCollection<string> Names => _guards.Keys;

    public IEnumerable<IGuard> Guards => _guards.Values;

    public bool TryGet(string name, out IGuard guard) => _guards.TryGetValue(name, out guard!);

    /// <summary>The stages of the guard with this name, or null when none is registered.</summary>
    public GuardStages? StagesOf(string name) => _guards.TryGetValue(name, out var g) ? g.Stages : null;

    /// <summary>Resolves every guard the definition names; throws at start-up if one is unknown.</summary>
    public Policy Build(PolicyDefinition definition)
    {
        IGuard Resolve(string name) => _guards.TryGetValue(name, out var g)
            ? g
            : throw new ArgumentException($"policy '{definition.Name}' names unknown guard '{name}' (known: {string.Join(", ", _guards.Keys)})");
        return new Policy(definition, definition.InputGuards.Select(Resolve).ToArray(), definition.OutputGuards.Select(Resolve).ToArray());
    }
}
