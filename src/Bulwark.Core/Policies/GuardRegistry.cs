using Bulwark.Core.Guards;

namespace Bulwark.Core.Policies;

/// <summary>Guards by name, so that a <see cref="PolicyDefinition"/> (data) can be turned into a <see cref="Policy"/>.</summary>
public sealed class GuardRegistry
{
    private readonly Dictionary<string, IGuard> _guards = new(StringComparer.Ordinal);

    public GuardRegistry Add(IGuard guard)
    {
        if (!_guards.TryAdd(guard.Name, guard)) throw new ArgumentException($"guard '{guard.Name}' registered twice");
        return this;
    }

    public IReadOnlyCollection<string> Names => _guards.Keys;

    public bool TryGet(string name, out IGuard guard) => _guards.TryGetValue(name, out guard!);

    /// <summary>Resolves every guard the definition names; throws at start-up if one is unknown.</summary>
    public Policy Build(PolicyDefinition definition)
    {
        IGuard Resolve(string name) => _guards.TryGetValue(name, out var g)
            ? g
            : throw new ArgumentException($"policy '{definition.Name}' names unknown guard '{name}' (known: {string.Join(", ", _guards.Keys)})");
        return new Policy(definition, definition.InputGuards.Select(Resolve).ToArray(), definition.OutputGuards.Select(Resolve).ToArray());
    }
}
