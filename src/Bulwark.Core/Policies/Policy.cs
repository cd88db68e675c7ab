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
        // The policy's order, with the guards placed before normalisation first (a stable sort).
        InputGuards = inputGuards.OrderBy(g => g.Placement).ToArray();
        OutputGuards = outputGuards.OrderBy(g => g.Placement).ToArray();
        Hash = definition.ComputeHash();
    }

    public PolicyDefinition Definition { get; }

    public string Name => Definition.Name;

    /// <summary>Content hash of the definition: the policy's version.</summary>
    public string Hash { get; }

    /// <summary>Input guards in the policy's order, those placed before normalisation first.</summary>
    public IReadOnlyList<IGuard> InputGuards { get; }

    /// <summary>Output guards in the policy's order, those placed before normalisation first.</summary>
    public IReadOnlyList<IGuard> OutputGuards { get; }

    public IReadOnlyList<IGuard> GuardsFor(GuardStage stage) => stage == GuardStage.Input ? InputGuards : OutputGuards;
}
