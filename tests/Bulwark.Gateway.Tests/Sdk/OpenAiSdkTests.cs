using System.ClientModel;
using Bulwark.Gateway.Tests.Support;
using OpenAI;
using OpenAI.Chat;

namespace Bulwark.Gateway.Tests.Sdk;

/// <summary>The official OpenAI .NET SDK, unchanged, completes an agent round trip (tool call, tool result, answer) through the gateway.</summary>
public sealed class OpenAiSdkTests : IAsyncLifetime
{
    private GatewayServer _gw = null!;
    private string _key = "";

    public async Task InitializeAsync()
    {
        _gw = await GatewayServer.StartAsync(new Dictionary<string, string?> { ["Bulwark:Policy"] = "signatures-only" });
        (_, _key) = await _gw.CreateKeyAsync("alice");
    }

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    private ChatClient Client(string model) =>
        new(model, new ApiKeyCredential(_key), new OpenAIClientOptions { Endpoint = new Uri(_gw.BaseUrl.TrimEnd('/') + "/v1") });

    private static readonly ChatTool Weather = ChatTool.CreateFunctionTool(
        "get_weather", "Get the current weather for a city.",
        BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string","description":"City name"}},"required":["city"]}"""));

    [Theory]
    [InlineData("bulwark-sim")]
    [InlineData("fake-claude")]
    public async Task CompleteChat_ToolRoundTrip_ThroughGateway(string model)
    {
        if (model == "fake-claude")
        {
            _gw.Fake.Respond = (ctx, _, body) => body["messages"]!.AsArray().Count == 1
                ? FakeUpstream.AnthropicToolStream(ctx, "toolu_9", "get_weather", ["{\"city\":", "\"Paris\"}"])
                : FakeUpstream.AnthropicStream(ctx, ["It is ", "18 degrees ", "and sunny."]);
        }
        var client = Client(model);
        var options = new ChatCompletionOptions { Tools = { Weather } };
        List<ChatMessage> messages = [new UserChatMessage("What's the weather in Paris?")];

        ChatCompletion first = await client.CompleteChatAsync(messages, options);
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        var call = Assert.Single(first.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.NotNull(call.FunctionArguments.ToObjectFromJson<Dictionary<string, object>>()!["city"]);

        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(call.Id, "18 degrees and sunny"));
        ChatCompletion second = await client.CompleteChatAsync(messages, options);

        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        Assert.Contains("18 degrees", second.Content[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteChatStreaming_ToolCall_ArrivesWithIdNameAndArguments()
    {
        var client = Client("bulwark-sim");
        var options = new ChatCompletionOptions { Tools = { Weather } };
        string? id = null, name = null;
        var arguments = new System.Text.StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Weather in Paris?")], options))
        {
            foreach (var part in update.ToolCallUpdates)
            {
                id ??= part.ToolCallId;
                name ??= part.FunctionName;
                if (part.FunctionArgumentsUpdate is { } piece) arguments.Append(piece.ToString());
            }
            finish ??= update.FinishReason;
        }

        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal("get_weather", name);
        Assert.Contains("\"city\"", arguments.ToString(), StringComparison.Ordinal);
    }
}
