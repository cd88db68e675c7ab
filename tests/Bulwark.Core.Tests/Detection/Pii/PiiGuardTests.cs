using Bulwark.Core.Conversations;
using Bulwark.Core.Detection.Pii;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;

namespace Bulwark.Core.Tests.Detection.Pii;

public sealed class PiiGuardTests
{
    private static readonly Policy Policy = new GuardRegistry().Add(new PiiGuard()).Build(new PolicyDefinition { InputGuards = ["pii"], OutputGuards = ["pii"] });

    private static Task<GuardResult> InspectAsync(Conversation conversation, GuardStage stage = GuardStage.Input, string window = "") =>
        new PiiGuard().InspectAsync(new GuardContext { Stage = stage, Conversation = conversation, Policy = Policy, OutputWindow = window }, CancellationToken.None).AsTask();

    [Fact]
    public async Task Inspect_SameValueTwiceAndAnother_TypedPlaceholdersNumberedByFirstAppearance()
    {
        var conversation = new Conversation("m",
        [
            ConversationMessage.FromText(MessageRole.System, "Escalate to ops@example.com."),
            ConversationMessage.FromText(MessageRole.User, "Mail bob@example.org and ops@example.com, card 4111 1111 1111 1111."),
        ]);
        var result = await InspectAsync(conversation);
        var redacted = Redactor.Apply(conversation, result.Redactions);
        Assert.Equal("Escalate to [EMAIL_1].", redacted.Messages[0].Text);
        Assert.Equal("Mail [EMAIL_2] and [EMAIL_1], card [CARD_1].", redacted.Messages[1].Text);
        Assert.Contains("pii.email=3", result.Notes);
        Assert.Contains("pii.card=1", result.Notes);
    }

    [Fact]
    public async Task Inspect_FindingsAndNotes_NeverCarryTheValue()
    {
        var result = await InspectAsync(Conversation.SingleUser("my SSN is 123-45-6789"));
        var text = string.Join("|", result.Findings.Select(f => $"{f.Category}{f.RuleId}{f.Detail}")) + string.Join("|", result.Notes) + result.Reason;
        Assert.DoesNotContain("6789", text);
        Assert.Equal(Categories.Pii, Assert.Single(result.Findings).Category);
        Assert.Equal("BW-PII-SSN", result.Findings[0].RuleId);
    }

    [Fact]
    public async Task Inspect_OutputStage_ScansTheWindowOnly()
    {
        var result = await InspectAsync(Conversation.SingleUser("ask a@b.example"), GuardStage.Output, "reply to c@d.example");
        Assert.Equal("c@d.example", Assert.Single(result.Redactions).Value);
    }

    [Fact]
    public async Task Inspect_CleanText_Clean() => Assert.Same(GuardResult.Clean, await InspectAsync(Conversation.SingleUser("What is the capital of France?")));
}
