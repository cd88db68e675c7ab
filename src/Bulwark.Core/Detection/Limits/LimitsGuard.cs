using Bulwark.Core.Guards;

namespace Bulwark.Core.Detection.Limits;

/// <summary>
/// Hard request limits (message count, total characters, requested max tokens) from the policy. Placed before
/// normalisation, so the pipeline runs it on the raw request before any work is spent on it. A limit exceeded is a
/// finding of score 1 in category <c>limits</c> (which every built-in policy blocks). Input stage only.
/// </summary>
public sealed class LimitsGuard : IGuard
{
    public const string GuardName = "limits";
    public const string RuleMessages = "BW-LIM-001";
    public const string RuleCharacters = "BW-LIM-002";
    public const string RuleMaxTokens = "BW-LIM-003";

    public string Name => GuardName;

    public GuardStages Stages => GuardStages.Input;

    public GuardPlacement Placement => GuardPlacement.BeforeNormalization;

    public bool Offload => false;

    public ValueTask WarmUpAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<GuardResult> InspectAsync(GuardContext context, CancellationToken cancellationToken)
    {
        if (context.Stage != GuardStage.Input) return ValueTask.FromResult(GuardResult.Clean);
        var limits = context.Policy.Definition.Limits;
        var conversation = context.Conversation;
        var messages = conversation.Messages;
        if (messages.Count > limits.MaxMessages)
        {
            return ValueTask.FromResult(GuardResult.Certain(Categories.Limits,
                $"too many messages ({messages.Count} > {limits.MaxMessages})", RuleMessages));
        }

        long total = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            var parts = messages[i].Parts;
            for (var j = 0; j < parts.Count; j++) total += parts[j].Text.Length;
        }
        if (total > limits.MaxTotalCharacters)
        {
            return ValueTask.FromResult(GuardResult.Certain(Categories.Limits,
                $"request too large ({total} characters > {limits.MaxTotalCharacters})", RuleCharacters));
        }

        if (conversation.MaxTokens is { } maxTokens && (maxTokens > limits.MaxTokens || maxTokens < 0))
        {
            return ValueTask.FromResult(GuardResult.Certain(Categories.Limits,
                $"max_tokens {maxTokens} outside the allowed range (0..{limits.MaxTokens})", RuleMaxTokens));
        }

        return ValueTask.FromResult(GuardResult.Clean);
    }
}
