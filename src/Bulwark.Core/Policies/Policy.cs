using Bulwark.Core.Guards;

namespace Bulwark.Core.Policies;

/// <summary>A validated <see cref="PolicyDefinition"/> with its guards resolved. Immutable and shared.</summary>
public sealed class Policy
{
    public Policy(PolicyDefinition definition, IReadOnlyList<IGuard> inputGuards, IReadOnlyList<IGuard> outputGuards)
    {
        var errors = definition.Validate();
        if (errors.Count > 0) throw new ArgumentException("invalid policy: " + string.Join("; ", errors), nameof(definition));
        Definition = definition;
        InputGuards = inputGuards.OrderBy(g => g.Cost).ToArray();
        OutputGuards = outputGuards.OrderBy(g => g.Cost).ToArray();
        Hash = definition.ComputeHash();
    }

    public PolicyDefinition Definition { get; }

    public string Name => Definition.Name;

    /// <summary>Content hash of the definition: the policy's version.</summary>
    public string Hash { get; }

    /// <summary>Input guards, cheapest first.</summary>
    public IReadOnlyList<IGuard> InputGuards { get; }

    /// <summary>Output guards, cheapest first.</summary>
    public IReadOnlyList<IGuard> OutputGuards { get; }

    public IReadOnlyList<IGuard> GuardsFor(GuardStage stage) => stage == GuardStage.Input ? InputGuards : OutputGuards;
}
