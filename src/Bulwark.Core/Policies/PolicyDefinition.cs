using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bulwark.Core.Guards;

namespace Bulwark.Core.Policies;

/// <summary>
/// A policy as data: which guards run at each stage, the per-category rules and the error behaviour.
/// Immutable; its <see cref="ComputeHash"/> is its version.
/// </summary>
public sealed record PolicyDefinition
{
    public string Name { get; init; } = "default";

    public IReadOnlyList<string> InputGuards { get; init; } = [];

    public IReadOnlyList<string> OutputGuards { get; init; } = [];

    public IReadOnlyDictionary<string, CategoryRule> CategoryRules { get; init; } = new Dictionary<string, CategoryRule>();

    /// <summary>Rule for categories not listed in <see cref="CategoryRules"/>.</summary>
    public CategoryRule DefaultRule { get; init; } = new(GuardAction.Block, 0.5);

    /// <summary>What happens when a guard throws or times out. Fail closed unless a policy says otherwise.</summary>
    public GuardAction OnGuardError { get; init; } = GuardAction.Block;

    public TimeSpan GuardTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Streaming: how many characters of output are held back and scanned before release.</summary>
    public int StreamWindowCharacters { get; init; } = 64;

    /// <summary>
    /// Streaming: characters kept back after each scan and scanned again with the next window, so that a phrase of up
    /// to this length is always seen whole before any part of it is released.
    /// </summary>
    public int StreamHoldbackCharacters { get; init; } = 64;

    public PolicyLimits Limits { get; init; } = new();

    public CategoryRule RuleFor(string category) =>
        CategoryRules.TryGetValue(category, out var rule) ? rule : DefaultRule;

    /// <summary>Returns the problems with this definition; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) errors.Add("policy name is empty");
        if (GuardTimeout <= TimeSpan.Zero) errors.Add("GuardTimeout must be positive");
        if (StreamWindowCharacters is < 1 or > 65_536) errors.Add("StreamWindowCharacters must be between 1 and 65536");
        if (StreamHoldbackCharacters is < 0 or > 65_536) errors.Add("StreamHoldbackCharacters must be between 0 and 65536");
        if (Limits.MaxMessages < 1) errors.Add("Limits.MaxMessages must be at least 1");
        if (Limits.MaxTotalCharacters < 1) errors.Add("Limits.MaxTotalCharacters must be at least 1");
        if (Limits.MaxTokens < 1) errors.Add("Limits.MaxTokens must be at least 1");
        foreach (var (category, rule) in CategoryRules) errors.AddRange(rule.Problems(category));
        errors.AddRange(DefaultRule.Problems("(default)").Where(e => !e.StartsWith("Action Redact", StringComparison.Ordinal)));
        if (DefaultRule.Action == GuardAction.Redact) errors.Add("the default rule's Action must be Block, Flag or Allow");
        if (OnGuardError is GuardAction.Redact) errors.Add("OnGuardError must be Block, Flag or Allow");
        return errors;
    }

    /// <summary>A content hash (hex SHA-256 of a canonical rendering): the policy's version.</summary>
    public string ComputeHash()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append("name=").Append(Name).Append('\n');
        sb.Append("input=").AppendJoin(',', InputGuards).Append('\n');
        sb.Append("output=").AppendJoin(',', OutputGuards).Append('\n');
        foreach (var (category, rule) in CategoryRules.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            sb.Append("rule.").Append(category).Append('=').Append(Render(rule)).Append('\n');
        sb.Append("default=").Append(Render(DefaultRule)).Append('\n');
        sb.Append("onerror=").Append(OnGuardError).Append('\n');
        sb.Append("timeout=").Append(GuardTimeout.Ticks.ToString(inv)).Append('\n');
        sb.Append("window=").Append(StreamWindowCharacters.ToString(inv)).Append(',').Append(StreamHoldbackCharacters.ToString(inv)).Append('\n');
        sb.Append("limits=").Append(Limits.MaxMessages.ToString(inv)).Append(',')
          .Append(Limits.MaxTotalCharacters.ToString(inv)).Append(',').Append(Limits.MaxTokens.ToString(inv)).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));

        string Render(CategoryRule rule) =>
            $"{rule.Action}@{rule.FlagAt.ToString("R", inv)}/{rule.BlockAt.ToString("R", inv)}";
    }
}
