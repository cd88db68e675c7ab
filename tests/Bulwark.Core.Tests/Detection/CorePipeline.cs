using Bulwark.Core.Conversations;
using Bulwark.Core.Detection.Normalization;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;

namespace Bulwark.Core.Tests.Detection;

/// <summary>The real pipeline with the core guards and the signatures-only policy, as the gateway runs it without models.</summary>
internal static class CorePipeline
{
    public static readonly GuardRegistry Registry = Bulwark.Core.Detection.CoreGuards.RegisterCoreGuards(new GuardRegistry());

    public static readonly Policy SignaturesOnly = Registry.Build(DefaultPolicies.SignaturesOnly);

    public static readonly GuardPipeline Pipeline = new(new TextNormalizer(), TimeProvider.System);

    public static Verdict Input(string text) => Input(Conversation.SingleUser(text));

    public static Verdict Input(Conversation conversation, Policy? policy = null) =>
        Pipeline.EvaluateInputAsync(policy ?? SignaturesOnly, conversation, CallerInfo.Anonymous, "test", CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public static Verdict Output(string outputSoFar, string window, bool isFinal = false) =>
        Pipeline.EvaluateOutputAsync(SignaturesOnly, Conversation.SingleUser("hello"), outputSoFar, window, isFinal, CallerInfo.Anonymous, "test", CancellationToken.None)
            .AsTask().GetAwaiter().GetResult();

    /// <summary>Output scanned the way the gateway streams it: windows of <paramref name="window"/> characters; returns the first blocking verdict's offset or -1.</summary>
    public static int StreamBlockOffset(string output, int window = 64)
    {
        for (var end = Math.Min(window, output.Length); ; end = Math.Min(end + window, output.Length))
        {
            var start = Math.Max(0, end - window);
            var verdict = Output(output[..end], output[start..end], end == output.Length);
            if (verdict.IsBlocked) return end;
            if (end == output.Length) return -1;
        }
    }

    public static Conversation WithDocument(string userText, string documentText) =>
        new("scan", [new ConversationMessage(MessageRole.User, [ContentPart.FromText(userText), new ContentPart(ContentPartKind.Document, documentText)])]);

    public static Conversation WithToolResult(string userText, string toolText) =>
        new("scan",
        [
            ConversationMessage.FromText(MessageRole.User, userText),
            new ConversationMessage(MessageRole.Tool, [new ContentPart(ContentPartKind.ToolResult, toolText)]),
        ]);
}
