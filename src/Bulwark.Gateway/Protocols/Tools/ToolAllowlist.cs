using Bulwark.Core.Guards;
using Bulwark.Gateway.Configuration;

namespace Bulwark.Gateway.Protocols.Tools;

/// <summary>
/// Which tools a model may call for a caller: the model's <see cref="ModelOptions.AllowedTools"/> (if set) and every
/// caller entry of <see cref="BulwarkOptions.ToolAllowlists"/> that matches the key, the principal or one of its
/// groups (if any) must all list the tool. Built once at start-up.
/// </summary>
public sealed class ToolAllowlist(BulwarkOptions options)
{
    public const string Category = "tool_not_allowed";

    public const string RuleId = "BW-TOOL-001";

    private readonly Dictionary<string, HashSet<string>> _callers = options.ToolAllowlists.ToDictionary(
        e => e.Key, e => e.Value.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    private readonly Dictionary<string, HashSet<string>> _models = options.Models
        .Where(m => m.Value.AllowedTools is not null)
        .ToDictionary(m => m.Key, m => m.Value.AllowedTools!.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    public bool IsAllowed(string model, CallerInfo caller, string tool)
    {
        if (_models.TryGetValue(model, out var forModel) && !forModel.Contains(tool)) return false;
        if (_callers.Count == 0) return true;
        if (caller.KeyId is { } key && _callers.TryGetValue("key:" + key, out var forKey) && !forKey.Contains(tool)) return false;
        if (_callers.TryGetValue("principal:" + caller.PrincipalId, out var forPrincipal) && !forPrincipal.Contains(tool)) return false;
        foreach (var group in caller.Groups)
        {
            if (_callers.TryGetValue("group:" + group, out var forGroup) && !forGroup.Contains(tool)) return false;
        }
        return true;
    }

    /// <summary>The verdict for a refused call: a block in category <see cref="Category"/>; the reason names the tool (a name, not content).</summary>
    public static Verdict Refusal(string tool, Core.Policies.Policy policy) => new()
    {
        Stage = GuardStage.Output, Action = GuardAction.Block, Score = 1, Categories = [Category], RuleIds = [RuleId],
        Reason = $"tool '{tool}' is not allowed for this model or caller", PolicyName = policy.Name, PolicyHash = policy.Hash,
    };
}
