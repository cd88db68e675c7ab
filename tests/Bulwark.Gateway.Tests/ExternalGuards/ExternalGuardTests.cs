using Bulwark.Core.Conversations;
using Bulwark.Core.Detection.Normalization;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Gateway.ExternalGuards;

namespace Bulwark.Gateway.Tests.ExternalGuards;

/// <summary>
/// Each external guard kind against a fake server speaking its published format, through the real pipeline and the
/// default policy's rules: safe allows, unsafe blocks, a server that is down or answers garbage fails closed.
/// </summary>
public sealed class ExternalGuardTests : IAsyncLifetime
{
    private FakeGuardModelServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeGuardModelServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static async Task<Verdict> RunAsync(ExternalGuard guard, GuardStage stage = GuardStage.Input, string prompt = "How do I bake bread?")
    {
        var policy = new GuardRegistry().Add(guard).Build(DefaultPolicies.Default with { Name = "t", GuardTimeout = TimeSpan.FromSeconds(20), InputGuards = [guard.Name], OutputGuards = [guard.Name] });
        var pipeline = new GuardPipeline(new TextNormalizer(), TimeProvider.System);
        var conversation = Conversation.SingleUser(prompt);
        return stage == GuardStage.Input
            ? await pipeline.EvaluateInputAsync(policy, conversation, CallerInfo.Anonymous, "t", CancellationToken.None)
            : await pipeline.EvaluateOutputAsync(policy, conversation, "Knead the dough.", "Knead the dough.", true, CallerInfo.Anonymous, "t", CancellationToken.None);
    }

    private ExternalGuard Guard(string kind, string? baseUrl = null, string when = "always", string stage = "both") =>
        new("ext", new ExternalGuardOptions { Kind = kind, BaseUrl = baseUrl ?? _server.BaseUrl, Model = "guard-model", Stage = stage, When = when, Timeout = TimeSpan.FromSeconds(10) });

    [Theory]
    [InlineData(ExternalGuardOptions.LlamaGuard, "safe")]
    [InlineData(ExternalGuardOptions.Qwen3Guard, "Safety: Safe\nCategories: None")]
    public async Task Inspect_ChatGuardSaysSafe_Allows(string kind, string content)
    {
        _server.Reply = FakeGuardModelServer.ChatReply(content);
        using var guard = Guard(kind);
        var verdict = await RunAsync(guard);
        Assert.Equal(GuardAction.Allow, verdict.Action);
        var sent = Assert.Single(_server.Requests);
        Assert.Equal("guard-model", (string?)sent["model"]);
        Assert.Equal("How do I bake bread?", (string?)sent["messages"]![0]!["content"]);
    }

    [Fact]
    public async Task Inspect_LlamaGuardUnsafeWithCodes_BlocksInMappedCategories()
    {
        _server.Reply = FakeGuardModelServer.ChatReply("unsafe\nS9,S1");
        using var guard = Guard(ExternalGuardOptions.LlamaGuard);
        var verdict = await RunAsync(guard);
        Assert.Equal(GuardAction.Block, verdict.Action);
        Assert.Equal([Categories.WeaponsCbrn, Categories.ViolentCrime], verdict.Categories);
        Assert.Contains("llama-guard.S9", verdict.RuleIds);
    }

    [Fact]
    public async Task Inspect_Qwen3GuardUnsafeOnOutput_SendsAnswerAsAssistantTurnAndBlocks()
    {
        _server.Reply = FakeGuardModelServer.ChatReply("Safety: Unsafe\nCategories: Violent\nRefusal: No");
        using var guard = Guard(ExternalGuardOptions.Qwen3Guard);
        var verdict = await RunAsync(guard, GuardStage.Output);
        Assert.Equal(GuardAction.Block, verdict.Action);
        Assert.Equal([Categories.ViolentCrime], verdict.Categories);
        Assert.Equal("assistant", (string?)_server.Requests[0]["messages"]![1]!["role"]);
    }

    [Fact]
    public async Task Inspect_Qwen3GuardControversial_Flags()
    {
        _server.Reply = FakeGuardModelServer.ChatReply("Safety: Controversial\nCategories: Politically Sensitive Topics");
        using var guard = Guard(ExternalGuardOptions.Qwen3Guard);
        Assert.Equal(GuardAction.Flag, (await RunAsync(guard)).Action);
    }

    [Fact]
    public async Task Inspect_ModerationSafeScores_Allows()
    {
        _server.Reply = FakeGuardModelServer.ModerationReply(false, ("harassment", 0.001), ("violence", 0.02), ("sexual/minors", 0.0001));
        using var guard = Guard(ExternalGuardOptions.OpenAiModeration);
        Assert.Equal(GuardAction.Allow, (await RunAsync(guard)).Action);
        Assert.Equal("How do I bake bread?", (string?)_server.Requests[0]["input"]);
    }

    [Fact]
    public async Task Inspect_ModerationHighScore_BlocksInMappedCategory()
    {
        _server.Reply = FakeGuardModelServer.ModerationReply(true, ("harassment", 0.01), ("self-harm/instructions", 0.93));
        using var guard = Guard(ExternalGuardOptions.OpenAiModeration);
        var verdict = await RunAsync(guard);
        Assert.Equal(GuardAction.Block, verdict.Action);
        Assert.Equal([Categories.SelfHarm], verdict.Categories);
    }

    [Theory]
    [InlineData(ExternalGuardOptions.LlamaGuard)]
    [InlineData(ExternalGuardOptions.Qwen3Guard)]
    [InlineData(ExternalGuardOptions.OpenAiModeration)]
    public async Task Inspect_ServerDown_FailsClosed(string kind)
    {
        // A port nothing listens on: connection refused.
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var guard = Guard(kind, $"http://127.0.0.1:{port}/v1");
        var verdict = await RunAsync(guard);
        Assert.Equal(GuardAction.Block, verdict.Action);
        Assert.Equal([Categories.GuardError], verdict.Categories);
    }

    [Theory]
    [InlineData(ExternalGuardOptions.LlamaGuard, "I think this is probably fine")]
    [InlineData(ExternalGuardOptions.LlamaGuard, "unsafe\nviolence")]
    [InlineData(ExternalGuardOptions.Qwen3Guard, "Safety: Maybe")]
    [InlineData(ExternalGuardOptions.Qwen3Guard, "Safety: Unsafe\nCategories: Dragons")]
    public async Task Inspect_ChatGuardGarbage_FailsClosedNeverSafe(string kind, string content)
    {
        _server.Reply = FakeGuardModelServer.ChatReply(content);
        using var guard = Guard(kind);
        var verdict = await RunAsync(guard);
        Assert.Equal(GuardAction.Block, verdict.Action);
        Assert.Equal(nameof(ExternalGuardReplyException), verdict.Guards.Single().Error);
    }

    [Theory]
    [InlineData(ExternalGuardOptions.OpenAiModeration, "{\"results\":[]}")]
    [InlineData(ExternalGuardOptions.OpenAiModeration, "<html>502 Bad Gateway</html>")]
    [InlineData(ExternalGuardOptions.LlamaGuard, "{\"choices\":[]}")]
    public async Task Inspect_ReplyNotTheWireFormat_FailsClosed(string kind, string reply)
    {
        _server.Reply = reply;
        using var guard = Guard(kind);
        var verdict = await RunAsync(guard);
        Assert.Equal(GuardAction.Block, verdict.Action);
        Assert.True(verdict.Guards.Single().Failed);
    }

    [Fact]
    public async Task Inspect_SameContentTwice_SecondAnsweredFromCache()
    {
        _server.Reply = FakeGuardModelServer.ChatReply("unsafe\nS10");
        using var guard = Guard(ExternalGuardOptions.LlamaGuard);
        Assert.True((await RunAsync(guard)).IsBlocked);
        Assert.True((await RunAsync(guard)).IsBlocked);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Inspect_WhenUnsureAndNothingFlagged_NotCalled()
    {
        _server.Reply = FakeGuardModelServer.ChatReply("unsafe\nS1");
        using var guard = Guard(ExternalGuardOptions.LlamaGuard, when: "unsure");
        Assert.Equal(GuardAction.Allow, (await RunAsync(guard)).Action);
        Assert.Empty(_server.Requests);
    }
}
