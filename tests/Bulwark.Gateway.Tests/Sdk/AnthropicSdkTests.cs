using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;
using Bulwark.Gateway.Tests.Support;

namespace Bulwark.Gateway.Tests.Sdk;

/// <summary>
/// The official Anthropic .NET SDK, unchanged, completes an agent round trip through the gateway (tool_use, tool_result,
/// final answer), whole and streamed, against the built-in simulator and the fake Anthropic upstream.
/// </summary>
public sealed class AnthropicSdkTests : IAsyncLifetime
{
    private GatewayServer _gw = null!;
    private string _key = "";

    public async Task InitializeAsync()
    {
        _gw = await GatewayServer.StartAsync(new Dictionary<string, string?> { ["Bulwark:Policy"] = "signatures-only" });
        (_, _key) = await _gw.CreateKeyAsync("alice");
    }

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    private AnthropicClient Client() => new() { ApiKey = _key, BaseUrl = _gw.BaseUrl.TrimEnd('/'), MaxRetries = 0 };

    private static readonly Tool Weather = new()
    {
        Name = "get_weather",
        Description = "Get the current weather for a city.",
        InputSchema = new InputSchema
        {
            Properties = new Dictionary<string, JsonElement> { ["city"] = JsonSerializer.SerializeToElement(new { type = "string", description = "City name" }) },
            Required = ["city"],
        },
    };

    private void ScriptFake(string model)
    {
        if (model != "fake-claude") return;
        _gw.Fake.Respond = (ctx, _, body) => body["messages"]!.AsArray().Count == 1
            ? FakeUpstream.AnthropicToolStream(ctx, "toolu_9", "get_weather", ["{\"city\":", "\"Paris\"}"])
            : FakeUpstream.AnthropicStream(ctx, ["It is ", "18 degrees ", "and sunny."]);
    }

    private static MessageCreateParams Ask(string model, List<MessageParam> messages) =>
        new() { Model = model, MaxTokens = 512, Messages = messages, Tools = [Weather] };

    /// <summary>The conversation after the model's tool call: its tool_use sent back, then the tool's result.</summary>
    private static List<MessageParam> WithResult(List<MessageParam> messages, string id, string name, IReadOnlyDictionary<string, JsonElement> input) =>
    [
        .. messages,
        new AssistantMessageParam { Content = new List<ContentBlockParam> { new ToolUseBlockParam { ID = id, Name = name, Input = input } } },
        new UserMessageParam { Content = new List<ContentBlockParam> { new ToolResultBlockParam { ToolUseID = id, Content = "18 degrees and sunny" } } },
    ];

    [Theory]
    [InlineData("bulwark-sim")]
    [InlineData("fake-claude")]
    public async Task MessagesCreate_ToolRoundTrip_ThroughGateway(string model)
    {
        ScriptFake(model);
        var client = Client();
        List<MessageParam> messages = [new UserMessageParam { Content = "What's the weather in Paris?" }];

        var first = await client.Messages.Create(Ask(model, messages));
        var call = Assert.Single(first.Content.Select(b => b.TryPickToolUse(out var use) ? use : null).OfType<ToolUseBlock>());
        Assert.Equal("get_weather", call.Name);
        Assert.True(call.Input.ContainsKey("city"));
        Assert.Equal("tool_use", first.StopReason?.Raw());

        var second = await client.Messages.Create(Ask(model, WithResult(messages, call.ID, call.Name, call.Input)));
        var text = string.Concat(second.Content.Select(b => b.TryPickText(out var t) ? t.Text : ""));
        Assert.Contains("18 degrees", text, StringComparison.Ordinal);
        Assert.Equal("end_turn", second.StopReason?.Raw());
    }

    [Theory]
    [InlineData("bulwark-sim")]
    [InlineData("fake-claude")]
    public async Task MessagesCreateStreaming_ToolRoundTrip_ThroughGateway(string model)
    {
        ScriptFake(model);
        var client = Client();
        List<MessageParam> messages = [new UserMessageParam { Content = "What's the weather in Paris?" }];

        string? id = null, name = null;
        var input = new StringBuilder();
        await foreach (var e in client.Messages.CreateStreaming(Ask(model, messages)))
        {
            if (e.TryPickContentBlockStart(out var start) && start.ContentBlock.TryPickToolUse(out var use))
            {
                id = use.ID;
                name = use.Name;
            }
            if (e.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickInputJson(out var json)) input.Append(json.PartialJson);
        }
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal("get_weather", name);
        var arguments = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(input.ToString())!;
        Assert.True(arguments.ContainsKey("city"));

        var text = new StringBuilder();
        await foreach (var e in client.Messages.CreateStreaming(Ask(model, WithResult(messages, id!, name!, arguments))))
        {
            if (e.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var piece)) text.Append(piece.Text);
        }
        Assert.Contains("18 degrees", text.ToString(), StringComparison.Ordinal);
    }
}
