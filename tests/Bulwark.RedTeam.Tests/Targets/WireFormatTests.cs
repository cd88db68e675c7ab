using System.Text.Json.Nodes;
using Bulwark.RedTeam.Operators;
using Bulwark.RedTeam.Targets;

namespace Bulwark.RedTeam.Tests.Targets;

/// <summary>The request bodies follow the published wire formats: tool calls answered by matching ids, documents as blocks.</summary>
public sealed class WireFormatTests
{
    private static readonly ChatTurn[] Turns =
    [
        new(TurnKind.User, "first"), new(TurnKind.Assistant, "answer"), new(TurnKind.ToolCall, "https://x.example"),
        new(TurnKind.ToolResult, "page text"), new(TurnKind.Document, "doc text"), new(TurnKind.User, "last"),
    ];

    [Fact]
    public void OpenAi_Build_ToolMessageAnswersTheAssistantToolCall()
    {
        var body = OpenAiWire.Build("m", Turns, 50);
        Assert.True((bool)body["stream"]!);
        Assert.Equal(50, (int)body["max_tokens"]!);
        var messages = body["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "assistant", "tool", "user"], messages.Select(m => (string)m!["role"]!));
        var callId = (string)messages[2]!["tool_calls"]![0]!["id"]!;
        Assert.Equal(callId, (string)messages[3]!["tool_call_id"]!);
        Assert.Equal("https://x.example", (string)JsonNode.Parse((string)messages[2]!["tool_calls"]![0]!["function"]!["arguments"]!)!["url"]!);
        Assert.True(messages[2]!.AsObject().ContainsKey("content"));
        Assert.Null(messages[2]!["content"]);
        Assert.Equal("<document>\ndoc text\n</document>\n\nlast", (string)messages[4]!["content"]!);
        Assert.Equal(FetchUrlTool.Name, (string)body["tools"]![0]!["function"]!["name"]!);
    }

    [Fact]
    public void Anthropic_Build_ToolResultAndDocumentOpenTheNextUserMessage()
    {
        var body = AnthropicWire.Build("m", Turns, 50);
        var messages = body["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "assistant", "user"], messages.Select(m => (string)m!["role"]!));
        var toolUse = messages[2]!["content"]![0]!;
        Assert.Equal("tool_use", (string)toolUse["type"]!);
        var last = messages[3]!["content"]!.AsArray();
        Assert.Equal(["tool_result", "document", "text"], last.Select(p => (string)p!["type"]!));
        Assert.Equal((string)toolUse["id"]!, (string)last[0]!["tool_use_id"]!);
        Assert.Equal("text", (string)last[1]!["source"]!["type"]!);
        Assert.Equal("doc text", (string)last[1]!["source"]!["data"]!);
        Assert.Equal("last", (string)last[2]!["text"]!);
        Assert.NotNull(body["tools"]![0]!["input_schema"]);
    }

    [Fact]
    public void Build_PlainConversation_SendsNoTools()
    {
        ChatTurn[] plain = [new(TurnKind.User, "hi")];
        Assert.Null(OpenAiWire.Build("m", plain, 10)["tools"]);
        Assert.Null(AnthropicWire.Build("m", plain, 10)["tools"]);
    }
}
