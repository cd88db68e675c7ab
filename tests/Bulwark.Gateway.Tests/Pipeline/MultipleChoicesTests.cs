using System.Net;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Tests.Support;

namespace Bulwark.Gateway.Tests.Pipeline;

/// <summary>
/// n &gt; 1 through the gateway against the fake OpenAI upstream: each choice stays separate (its index, text,
/// finish_reason, logprobs), whole and streamed, and each is guarded on its own: a harmful choice is halted alone
/// ("content_filter", none of its text or logprobs released) while the others are served.
/// </summary>
public sealed class MultipleChoicesTests : IAsyncLifetime
{
    private static readonly string[] Paris = Words("Paris is the capital of France and sits on the river Seine in the north of the country.");

    private static readonly string[] Lyon = Words("Lyon is a large city in France known for its food, its old town and two rivers that meet there.");

    private static readonly string[] Harmful = Words("Here is how. Step 1: Obtain the restricted precursor chemicals to synthesize the nerve agent in your improvised lab. Then continue.");

    private GatewayServer _gw = null!;
    private string _key = "";

    public async Task InitializeAsync()
    {
        _gw = await GatewayServer.StartAsync();
        (_, _key) = await _gw.CreateKeyAsync("nina");
    }

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    private static string[] Words(string s) => s.Split(' ').Select((w, i) => i == 0 ? w : " " + w).ToArray();

    private static string Request(string model, int n, bool stream, bool logprobs = true) =>
        new JsonObject
        {
            ["model"] = model, ["stream"] = stream, ["n"] = n, ["logprobs"] = logprobs,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Tell me about a French city." }),
        }.ToJsonString();

    /// <summary>The answer's choices by index: (text, finish_reason, logprob tokens, raw body).</summary>
    private async Task<(Dictionary<int, (string Text, string? Finish, string Tokens, JsonNode? Bulwark)> Choices, string Raw, JsonNode? Audit)> AskAsync(int n, bool stream)
    {
        using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", _key, Request("fake-gpt", n, stream)), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var choices = new Dictionary<int, (string Text, string? Finish, string Tokens, JsonNode? Bulwark)>();
        if (!stream)
        {
            var raw = await response.Content.ReadAsStringAsync();
            var body = JsonNode.Parse(raw)!;
            foreach (var c in body["choices"]!.AsArray())
            {
                var tokens = c!["logprobs"] is JsonObject lp ? string.Concat(lp["content"]!.AsArray().Select(e => (string)e!["token"]!)) : "";
                choices[(int)c["index"]!] = ((string?)c["message"]!["content"] ?? "", (string?)c["finish_reason"], tokens, null);
            }
            return (choices, raw, body["bulwark"]);
        }
        var (events, sse) = await ByteSseParser.ReadAllAsync(await response.Content.ReadAsStreamAsync(), CancellationToken.None);
        Assert.Equal("[DONE]", events[^1].Data);
        JsonNode? audit = null;
        foreach (var e in events.Take(events.Count - 1))
        {
            var chunk = JsonNode.Parse(e.Data)!;
            audit ??= chunk["bulwark"];
            foreach (var c in chunk["choices"]!.AsArray())
            {
                var i = (int)c!["index"]!;
                var (text, finish, tokens, info) = choices.GetValueOrDefault(i, ("", null, "", null));
                text += (string?)c["delta"]!["content"] ?? "";
                if (c["logprobs"] is JsonObject lp) tokens += string.Concat(lp["content"]!.AsArray().Select(x => (string)x!["token"]!));
                if ((string?)c["finish_reason"] is { } f)
                {
                    Assert.Null(finish); // one finish per choice
                    finish = f;
                    info = chunk["bulwark"];
                }
                choices[i] = (text, finish, tokens, info);
            }
        }
        return (choices, sse, audit);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChatCompletions_TwoChoices_EachSeparateWithItsTextFinishAndLogprobs(bool stream)
    {
        _gw.Fake.Respond = (ctx, _, _) => FakeUpstream.OpenAiChoicesStream(ctx, [Paris, Lyon], logprobs: true);

        var (choices, _, _) = await AskAsync(2, stream);

        Assert.Equal([0, 1], choices.Keys.Order());
        Assert.Equal(string.Concat(Paris), choices[0].Text);
        Assert.Equal(string.Concat(Lyon), choices[1].Text);
        Assert.Equal("stop", choices[0].Finish);
        Assert.Equal("length", choices[1].Finish);
        // Each choice's logprobs are its own and cover its whole text.
        Assert.Equal(choices[0].Text, choices[0].Tokens);
        Assert.Equal(choices[1].Text, choices[1].Tokens);
        var forwarded = Assert.Single(_gw.Fake.Requests);
        Assert.Equal(2, (int)forwarded["n"]!);
        Assert.True((bool)forwarded["logprobs"]!);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChatCompletions_OneChoiceHarmful_OnlyThatChoiceIsHaltedWithContentFilter(bool stream)
    {
        _gw.Fake.Respond = (ctx, _, _) => FakeUpstream.OpenAiChoicesStream(ctx, [Paris, Harmful], logprobs: true);

        var (choices, raw, _) = await AskAsync(2, stream);

        // Nothing of the harmful choice leaves: not its text, not its logprobs' tokens or bytes.
        Assert.DoesNotContain("precursor", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("nerve", raw, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("content_filter", choices[1].Finish);
        Assert.DoesNotContain("Step 1", choices[1].Text, StringComparison.Ordinal);
        Assert.Equal(choices[1].Text, choices[1].Tokens);
        // The other choice is served whole.
        Assert.Equal(string.Concat(Paris), choices[0].Text);
        Assert.Equal("stop", choices[0].Finish);
        Assert.Equal(choices[0].Text, choices[0].Tokens);

        var info = stream ? choices[1].Bulwark! : JsonNode.Parse(raw)!["bulwark"]!;
        var record = await _gw.AuditRecordAsync((long)info["audit_index"]!);
        Assert.Equal("blocked_output", (string?)record["outcome"]);
        Assert.Equal([1], record["details"]!["blocked_choices"]!.AsArray().Select(i => (int)i!));
    }

    [Theory]
    [InlineData("fake-claude")]
    [InlineData("bulwark-sim")]
    public async Task ChatCompletions_NForUpstreamWithoutChoices_Refused400NamingN(string model)
    {
        using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", _key, Request(model, 2, stream: false)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("unsupported_parameter", (string?)error["code"]);
        Assert.Equal("n", (string?)error["param"]);
        Assert.Equal("invalid_request_error", (string?)error["type"]);
        Assert.Empty(_gw.Fake.Requests);
    }

    [Fact]
    public async Task ChatCompletions_NAboveTheGatewayLimit_Refused400NamingN()
    {
        using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", _key, Request("fake-gpt", 17, stream: false)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("n", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["param"]);
        Assert.Empty(_gw.Fake.Requests);
    }
}
