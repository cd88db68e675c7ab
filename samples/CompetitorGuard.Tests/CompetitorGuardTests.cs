using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Extensions.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Acme.Guards.Tests;

/// <summary>The plug-in path end to end: register the guard in DI, add it to a policy by name, and it runs. No Bulwark file changes.</summary>
public sealed class CompetitorGuardTests
{
    private sealed class EchoClient : IChatClient
    {
        public int Calls { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Happy to help.")));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private static IChatClient Client(EchoClient inner, GuardAction action, out ServiceProvider provider)
    {
        var services = new ServiceCollection()
            .AddSingleton(new CompetitorGuardOptions(["Globex"]))
            .AddBulwarkGuard<CompetitorGuard>()
            .AddBulwark(o =>
            {
                o.Policy = "acme";
                o.Policies["acme"] = new PolicySpec
                {
                    Extends = DefaultPolicies.SignaturesOnlyName,
                    Guards = new GuardChanges { Add = [CompetitorGuard.GuardName] },
                    Categories = new Dictionary<string, CategoryRuleSpec> { [CompetitorGuard.Category] = new() { BlockAt = 0.5, Action = action } },
                };
            });
        provider = services.BuildServiceProvider();
        return new ChatClientBuilder(inner).UseBulwark().Build(provider);
    }

    [Fact]
    public async Task Inspect_CompetitorNamedAndPolicyBlocks_RefusedWithItsCategory()
    {
        var inner = new EchoClient();
        using var client = Client(inner, GuardAction.Block, out var provider);
        await using var _ = provider;
        var response = await client.GetResponseAsync("Is Globex cheaper than you?");
        Assert.Equal(ChatFinishReason.ContentFilter, response.FinishReason);
        Assert.Equal([CompetitorGuard.Category], ((Verdict)response.AdditionalProperties![BulwarkProperties.Verdict]!).Categories);
        Assert.Equal(0, inner.Calls);
    }

    [Fact]
    public async Task Inspect_CompetitorNamedAndPolicyFlags_Answered()
    {
        var inner = new EchoClient();
        using var client = Client(inner, GuardAction.Flag, out var provider);
        await using var _ = provider;
        var response = await client.GetResponseAsync("Is Globex cheaper than you?");
        Assert.Equal("Happy to help.", response.Text);
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task Inspect_NoCompetitor_Clean()
    {
        var guard = new CompetitorGuard(new CompetitorGuardOptions(["Globex"]));
        var context = new GuardContext
        {
            Stage = GuardStage.Input, Conversation = Bulwark.Core.Conversations.Conversation.SingleUser("hello"),
            Policy = new GuardRegistry().Add(guard).Build(new PolicyDefinition { InputGuards = [CompetitorGuard.GuardName] }),
            Segments = [new ScanSegment("hello", Bulwark.Core.Conversations.MessageRole.User, false, 0)],
        };
        Assert.Same(GuardResult.Clean, await guard.InspectAsync(context, CancellationToken.None));
    }
}
