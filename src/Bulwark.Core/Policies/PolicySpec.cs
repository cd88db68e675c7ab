using Bulwark.Core.Guards;

namespace Bulwark.Core.Policies;

/// <summary>
/// A policy as declared in configuration (<c>Bulwark:Policies:&lt;name&gt;</c>): what it extends (a built-in or another
/// declared policy; <c>default</c> when unset) and what it changes. <see cref="PolicyCatalog"/> resolves it to a
/// <see cref="PolicyDefinition"/>.
/// </summary>
public sealed record PolicySpec
{
    public string? Extends { get; init; }

    public IReadOnlyDictionary<string, CategoryRuleSpec> Categories { get; init; } = new Dictionary<string, CategoryRuleSpec>(StringComparer.Ordinal);

    public GuardChanges Guards { get; init; } = new();

    public PiiMode? Pii { get; init; }

    /// <summary>Names of <c>Bulwark:ExternalGuards</c> entries to run (on the stages each is configured for).</summary>
    public IReadOnlyList<string> ExternalGuards { get; init; } = [];

    public GuardAction? OnGuardError { get; init; }

    public TimeSpan? GuardTimeout { get; init; }
}
