using System.Text.Json.Nodes;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Protocols;
using Bulwark.Gateway.Protocols.Anthropic;
using Bulwark.Gateway.Protocols.OpenAi;
using Bulwark.Gateway.Protocols.Responses;
using Bulwark.Gateway.Protocols.Scanning;
using Bulwark.Gateway.Tests.Support;
using CsCheck;

namespace Bulwark.Gateway.Tests.Protocols.Scanning;

/// <summary>
/// The walk's promise, as a property: a marker put into any string value (or into an unknown field at any depth)
/// of a rich agent request is either refused, or in the text the guards scan, or absent from the body forwarded.
/// </summary>
public sealed class RequestWalkerTests
{
    private const string Marker = "zq~MARKER~qz";

    private static IClientProtocol Protocol(string name, UnknownFieldHandling unknown) => name switch
    {
        "openai" => new OpenAiProtocol(TimeProvider.System, new BulwarkOptions { UnknownFields = unknown }),
        "responses" => new ResponsesProtocol(TimeProvider.System, new OpenAiProtocol(TimeProvider.System), new BulwarkOptions { UnknownFields = unknown }),
        _ => new AnthropicProtocol(new BulwarkOptions { UnknownFields = unknown }),
    };

    private static JsonObject Base(string protocol) => protocol switch
    {
        "openai" => AgentRequests.OpenAiChat(),
        "responses" => AgentRequests.OpenAiResponses(),
        _ => AgentRequests.AnthropicMessages(),
    };

    private static bool Scanned(ParsedRequest request) =>
        request.Scanned.Messages.Any(m => m.Parts.Any(p => p.Text.Contains(Marker, StringComparison.Ordinal)));

    private sealed record Case(string Protocol, UnknownFieldHandling Unknown, int Slot, int Mode, int Depth);

    private static readonly Gen<Case> Cases =
        Gen.Select(Gen.OneOf("openai", "anthropic", "responses"), Gen.Enum<UnknownFieldHandling>(), Gen.Int[0, 10_000], Gen.Int[0, 2], Gen.Int[0, 3], (p, u, s, m, d) => new Case(p, u, s, m, d));

    [Fact]
    public void Walk_MarkerInAnyStringOrUnknownField_IsRefusedScannedOrNotForwarded()
    {
        Cases.Sample(c =>
        {
            var body = Base(c.Protocol);
            if (c.Mode < 2)
            {
                var slots = AgentRequests.StringSlots(body);
                var slot = slots[c.Slot % slots.Count];
                AgentRequests.Set(slot, c.Mode == 0 ? Marker : AgentRequests.Get(slot) + " " + Marker);
            }
            else
            {
                var objects = AgentRequests.Objects(body);
                JsonNode nested = Marker;
                for (var d = 0; d < c.Depth; d++) nested = d % 2 == 0 ? new JsonObject { ["inner"] = nested } : new JsonArray(nested);
                objects[c.Slot % objects.Count]["x_unknown"] = nested;
            }

            var parsed = Protocol(c.Protocol, c.Unknown).Parse(body);
            if (!parsed.Ok) return; // refused
            var forwarded = parsed.Request.Body.DeepClone().AsObject();
            forwarded.Remove("model"); // the gateway replaces the model name before forwarding
            // A translated call is rendered from the parsed conversation: its text must not carry the marker unscanned either.
            var translated = parsed.Request.Conversation.Messages.Any(m => m.Parts.Any(p => p.Text.Contains(Marker, StringComparison.Ordinal) || (p.ToolName ?? "").Contains(Marker, StringComparison.Ordinal) || (p.ToolCallId ?? "").Contains(Marker, StringComparison.Ordinal)))
                || parsed.Request.Conversation.Tools.Any(t => (t.Name + t.Description + t.Parameters.ToJsonString()).Contains(Marker, StringComparison.Ordinal));
            Assert.True(Scanned(parsed.Request) || (!translated && !forwarded.ToJsonString().Contains(Marker, StringComparison.Ordinal)),
                $"{c.Protocol}/{c.Unknown}: marker forwarded unscanned in {forwarded.ToJsonString()}");
        }, iter: 3000, threads: 1);
    }

    [Fact]
    public void Parse_RichOpenAiRequest_ScansEveryPlacement()
    {
        var parsed = Protocol("openai", UnknownFieldHandling.Reject).Parse(Base("openai"));
        Assert.True(parsed.Ok, parsed.Error?.Message);
        var text = string.Join("\n", parsed.Request.Scanned.Messages.SelectMany(m => m.Parts).Select(p => p.Text));
        foreach (var expected in new[] { "ops", "alice", "earlier refusal text", "Paris events", "get_weather", "City name", "An old-style function.", "The answer text", "The answer format.", "Trip notes", "notes.txt", "no more", "It will be sunny.", "travel" })
            Assert.Contains(expected, text);
    }

    [Fact]
    public void Parse_RichAnthropicRequest_ScansEveryPlacement()
    {
        var parsed = Protocol("anthropic", UnknownFieldHandling.Reject).Parse(Base("anthropic"));
        Assert.True(parsed.Ok, parsed.Error?.Message);
        var parts = parsed.Request.Scanned.Messages.SelectMany(m => m.Parts).ToList();
        var text = string.Join("\n", parts.Select(p => p.Text));
        foreach (var expected in new[] { "cited words", "Doc title", "Plain document text.", "Plain doc", "Context of the doc", "Encoded document", "Content block document.", "get_weather", "City name", "metric", "18 degrees and sunny", "The user wants the weather." })
            Assert.Contains(expected, text);
        Assert.Contains(parts, p => p.IsUntrustedData && p.Text.Contains("Encoded document", StringComparison.Ordinal));
        Assert.Contains(parts, p => p.IsUntrustedData && p.Text.Contains("18 degrees", StringComparison.Ordinal));
        Assert.Contains(parts, p => p.IsUntrustedData && p.Text.Contains("metric", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_UnknownTopLevelField_DroppedRejectedOrScannedBySetting()
    {
        JsonObject Body()
        {
            var b = AgentRequests.OpenAiChat();
            b["x_future"] = new JsonObject { ["hint"] = Marker };
            return b;
        }

        var dropped = Protocol("openai", UnknownFieldHandling.Drop).Parse(Body());
        Assert.True(dropped.Ok);
        Assert.False(dropped.Request.Body.ContainsKey("x_future"));

        var rejected = Protocol("openai", UnknownFieldHandling.Reject).Parse(Body());
        Assert.False(rejected.Ok);
        Assert.Equal("unknown_field", rejected.Error.Code);
        Assert.Equal("x_future", rejected.Error.Param);

        var passed = Protocol("openai", UnknownFieldHandling.Pass).Parse(Body());
        Assert.True(passed.Ok);
        Assert.True(passed.Request.Body.ContainsKey("x_future"));
        Assert.Contains(passed.Request.Scanned.Messages.SelectMany(m => m.Parts), p => p.IsUntrustedData && p.Text.Contains(Marker, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("openai", """{"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"bad name","arguments":"{}"}}]}]}""", "messages[0].tool_calls[0].function.name")]
    [InlineData("openai", """{"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"not json"}}]}]}""", "messages[0].tool_calls[0].function.arguments")]
    [InlineData("openai", """{"model":"m","messages":[{"role":"assistant","tool_calls":[{"type":"function","function":{"name":"f","arguments":"{}"}}]}]}""", "messages[0].tool_calls[0].id")]
    [InlineData("openai", """{"model":"m","messages":[{"role":"tool","content":"x"}]}""", "messages[0].tool_call_id")]
    [InlineData("openai", """{"model":"m","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"description":"d"}}]}""", "tools[0].function.name")]
    [InlineData("openai", """{"model":"m","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f","parameters":"x"}}]}""", "tools[0].function.parameters")]
    [InlineData("openai", """{"model":"m","messages":[{"role":"hacker","content":"x"}]}""", "messages[0].role")]
    [InlineData("openai", """{"model":"m","n":0,"messages":[{"role":"user","content":"x"}]}""", "n")]
    [InlineData("anthropic", """{"model":"m","max_tokens":5,"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"f","input":"x"}]}]}""", "messages.0.content.0.input")]
    [InlineData("anthropic", """{"model":"m","max_tokens":5,"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"a b","input":{}}]}]}""", "messages.0.content.0.name")]
    [InlineData("anthropic", """{"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"tool_result","content":"x"}]}]}""", "messages.0.content.0.tool_use_id")]
    [InlineData("anthropic", """{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"x"}],"tools":[{"name":"f"}]}""", "tools.0.input_schema")]
    [InlineData("anthropic", """{"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0="}}]}]}""", "messages.0.content.0.source.data")]
    [InlineData("anthropic", """{"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"document","source":{"type":"url","url":"https://example.com/a.pdf"}}]}]}""", "messages.0.content.0.source.url")]
    public void Parse_MalformedToolOrUnreadableContent_RefusedNamingTheField(string protocol, string json, string param)
    {
        var parsed = Protocol(protocol, UnknownFieldHandling.Drop).Parse((JsonObject)JsonNode.Parse(json)!);
        Assert.False(parsed.Ok);
        Assert.Equal(param, parsed.Error.Param);
        Assert.Equal(400, parsed.Error.StatusCode);
    }
}
