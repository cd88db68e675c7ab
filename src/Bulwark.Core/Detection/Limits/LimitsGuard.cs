using Bulwark.Core.Guards;

namespace Bulwark.Core.Detection.Limits;

/// <summary>
/// Hard request limits (message count, total characters, requested max tokens) from the policy. Cost 0, so the
/// pipeline runs it on the raw request before any normalisation is spent on it. Input stage only: on the output
/// stage it allows (output size is bounded by the request's max tokens upstream).
/// </summary>
public sealed class LimitsGuard : IGuard
{
    public const string GuardName = "limits";
    public const string RuleMessages = "BW-LIM-001";
    public const string RuleCharacters = "BW-LIM-002";
    public const string RuleMaxTokens = "BW-LIM-003";

    public string Name => GuardName;

    public int Cost => 0;

    public ValueTask<GuardResult> InspectAsync(GuardContext context, CancellationToken cancellationToken)
    {
        if (context.Stage != GuardStage.Input) return ValueTask.FromResult(GuardResult.Clean);
        var limits = context.Policy.Definition.Limits;
        var conversation = context.Conversation;
        var messages = conversation.Messages;
        if (messages.Count > limits.MaxMessages)
        {
            return ValueTask.FromResult(GuardResult.Force(GuardAction.Block, Categories.Limits,
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
            return ValueTask.FromResult(GuardResult.Force(GuardAction.Block, Categories.Limits,
                $"request too large ({total} characters > {limits.MaxTotalCharacters})", RuleCharacters));
        }

        if (conversation.MaxTokens is { } maxTokens && (maxTokens > limits.MaxTokens || maxTokens < 0))
        {
            return ValueTask.FromResult(GuardResult.Force(GuardAction.Block, Categories.Limits,
                $"max_tokens {maxTokens} outside the allowed range (0..{limits.MaxTokens})", RuleMaxTokens));
        }

        return ValueTask.FromResult(GuardResult.Clean);
    }
}
