using Bulwark.Core.Conversations;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.RedTeam.Operators;

namespace Bulwark.RedTeam.Targets;

/// <summary>
/// The guard pipeline in process, with a model function standing in for the upstream: the input stage decides a block,
/// otherwise the model's answer is scanned by the output stage as a whole before anything is "received".
/// Used by the regression test; the CLI attacks deployments over HTTP.
/// </summary>
public sealed class PipelineTarget(GuardPipeline pipeline, Policy policy, Func<Conversation, string> model) : ITarget
{
    public string Name => "in-process:" + policy.Name;

    public async Task<TargetReply> SendAsync(IReadOnlyList<ChatTurn> conversation, CancellationToken cancellationToken)
    {
        var conv = ToConversation(conversation);
        var input = await pipeline.EvaluateInputAsync(policy, conv, CallerInfo.Anonymous, "redteam", cancellationToken).ConfigureAwait(false);
        if (input.IsBlocked)
            return new TargetReply(TargetOutcome.BlockedInput, 400, "") { Categories = input.Categories, Score = input.Score };
        var answer = model(conv);
        var output = await pipeline.EvaluateOutputAsync(policy, conv, answer, answer, true, CallerInfo.Anonymous, "redteam", cancellationToken).ConfigureAwait(false);
        return output.IsBlocked
            ? new TargetReply(TargetOutcome.BlockedOutput, 200, "") { Categories = output.Categories, Score = output.Score }
            : new TargetReply(TargetOutcome.Answered, 200, answer);
    }

    /// <summary>The neutral conversation the gateway's protocol parsers would produce for these turns.</summary>
    public static Conversation ToConversation(IReadOnlyList<ChatTurn> turns)
    {
        var messages = new List<ConversationMessage>();
        var pending = new List<ContentPart>();
        foreach (var t in turns)
        {
            switch (t.Kind)
            {
                case TurnKind.User:
                    messages.Add(new ConversationMessage(MessageRole.User, [.. pending, ContentPart.FromText(t.Text)]));
                    pending.Clear();
                    break;
                case TurnKind.Assistant:
                    messages.Add(ConversationMessage.FromText(MessageRole.Assistant, t.Text));
                    break;
                case TurnKind.ToolCall:
                    messages.Add(new ConversationMessage(MessageRole.Assistant, [new ContentPart(ContentPartKind.ToolCall, t.Text)]));
                    break;
                case TurnKind.ToolResult:
                    messages.Add(new ConversationMessage(MessageRole.Tool, [new ContentPart(ContentPartKind.ToolResult, t.Text)]));
                    break;
                case TurnKind.Document:
                    pending.Add(new ContentPart(ContentPartKind.Document, t.Text));
                    break;
            }
        }
        return new Conversation("redteam", messages);
    }
}
