using Bulwark.Core.Guards;

namespace Bulwark.Core.Policies;

/// <summary>
/// Resolves declared policies against the built-ins: follows <see cref="PolicySpec.Extends"/> (detecting unknown names
/// and cycles), overlays category rules, adds and removes guards, and applies <see cref="PolicySpec.Pii"/>. Pure: it
/// returns every problem found, so that a host can stop at start-up with one line.
/// </summary>
public static class PolicyCatalog
{
    /// <summary>The name of the PII and secrets guard that <see cref="PolicySpec.Pii"/> switches on.</summary>
    public const string PiiGuardName = "pii";

    /// <param name="specs">Declared policies by name.</param>
    /// <param name="stagesOf">The stages of a registered guard, or null when no guard has that name.</param>
    public static (IReadOnlyDictionary<string, PolicyDefinition> Definitions, IReadOnlyList<string> Errors) Resolve(
        IReadOnlyDictionary<string, PolicySpec> specs, Func<string, GuardStages?> stagesOf)
    {
        var resolved = new Dictionary<string, PolicyDefinition>(StringComparer.Ordinal);
        foreach (var builtIn in DefaultPolicies.All) resolved[builtIn.Name] = builtIn;
        var errors = new List<string>();
        foreach (var name in specs.Keys)
        {
            if (DefaultPolicies.ByName(name) is not null) errors.Add($"policy '{name}' is built in and cannot be redeclared; choose another name");
            else if (!IsValidName(name)) errors.Add($"policy name '{name}' must be 1-64 letters, digits, '-', '_' or '.'");
        }
        if (errors.Count > 0) return (resolved, errors);

        var visiting = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in specs.Keys.Order(StringComparer.Ordinal)) Visit(name, []);
        return (resolved, errors.Distinct(StringComparer.Ordinal).ToArray());

        PolicyDefinition? Visit(string name, List<string> path)
        {
            if (resolved.TryGetValue(name, out var done)) return done;
            if (!specs.TryGetValue(name, out var spec)) return null;
            if (!visiting.Add(name))
            {
                errors.Add($"policy Extends forms a cycle: {string.Join(" -> ", path.Append(name))}");
                return null;
            }
            path.Add(name);
            var baseName = string.IsNullOrWhiteSpace(spec.Extends) ? DefaultPolicies.DefaultName : spec.Extends.Trim();
            var parent = DefaultPolicies.ByName(baseName) ?? Visit(baseName, path);
            path.RemoveAt(path.Count - 1);
            visiting.Remove(name);
            if (parent is null)
            {
                if (!specs.ContainsKey(baseName)) errors.Add($"policy '{name}' extends unknown policy '{baseName}' (known: {Known()})");
                return null;
            }
            var definition = Apply(name, parent, spec);
            foreach (var problem in definition.Validate()) errors.Add($"policy '{name}': {problem}");
            resolved[name] = definition;
            return definition;
        }

        string Known() => string.Join(", ", DefaultPolicies.Names.Concat(specs.Keys.Order(StringComparer.Ordinal)));

        PolicyDefinition Apply(string name, PolicyDefinition parent, PolicySpec spec)
        {
            var rules = new Dictionary<string, CategoryRule>(parent.CategoryRules, StringComparer.Ordinal);
            foreach (var (category, ruleSpec) in spec.Categories)
            {
                // Plug-in guards name their own categories with a dot ("acme.competitor"); anything else must be a known one.
                if (!Categories.All.Contains(category, StringComparer.Ordinal) && !category.Contains('.', StringComparison.Ordinal))
                    errors.Add($"policy '{name}' has a rule for unknown category '{category}' (known: {string.Join(", ", Categories.All)}, or a plug-in's 'name.category')");
                rules[category] = ruleSpec.ApplyTo(parent.RuleFor(category));
            }
            var input = parent.InputGuards.ToList();
            var output = parent.OutputGuards.ToList();
            foreach (var guard in spec.Guards.Remove)
            {
                if (stagesOf(guard) is null) errors.Add($"policy '{name}' removes unknown guard '{guard}'");
                input.Remove(guard);
                output.Remove(guard);
            }
            foreach (var guard in spec.Guards.Add) AddGuard(guard, "guard");
            foreach (var guard in spec.ExternalGuards) AddGuard(guard, "external guard");
            if (spec.Pii is { } pii)
            {
                input.Remove(PiiGuardName);
                output.Remove(PiiGuardName);
                if (pii != PiiMode.Off)
                {
                    if (stagesOf(PiiGuardName) is null) errors.Add($"policy '{name}' sets Pii but no '{PiiGuardName}' guard is registered");
                    input.Insert(0, PiiGuardName);
                    output.Insert(0, PiiGuardName);
                }
                rules[Categories.Pii] = pii switch
                {
                    PiiMode.Off => new CategoryRule(GuardAction.Allow, 1.0),
                    PiiMode.Flag => new CategoryRule(GuardAction.Flag, 0.5),
                    PiiMode.Block => new CategoryRule(GuardAction.Block, 0.5),
                    _ => new CategoryRule(GuardAction.Redact, 0.5),
                };
            }
            return parent with
            {
                Name = name, InputGuards = input, OutputGuards = output, CategoryRules = rules,
                OnGuardError = spec.OnGuardError ?? parent.OnGuardError,
                GuardTimeout = spec.GuardTimeout ?? parent.GuardTimeout,
            };

            void AddGuard(string guard, string what)
            {
                if (stagesOf(guard) is not { } stages)
                {
                    errors.Add($"policy '{name}' adds unknown {what} '{guard}'");
                    return;
                }
                if (stages.HasFlag(GuardStages.Input) && !input.Contains(guard)) input.Add(guard);
                if (stages.HasFlag(GuardStages.Output) && !output.Contains(guard)) output.Add(guard);
            }
        }
    }

    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
