using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Tests.Support;

namespace Bulwark.Gateway.Tests.Pipeline;

/// <summary>
/// Pii: Redact through real Kestrel: the upstream (a fake speaking the OpenAI wire) never sees the values, the client
/// never sees values the model writes, also when a value is split across streamed chunks, and the audit record keeps
/// counts by type, never values.
/// </summary>
public sealed class PiiRedactionTests : IAsyncLifetime
{
    private const string Email = "alice.smith@example.com";
    private const string Card = "4111 1111 1111 1111";
    private GatewayServer _gw = null!;
    private string _key = "";

    public async Task InitializeAsync()
    {
        _gw = await GatewayServer.StartAsync(new Dictionary<string, string?>
        {
            ["Bulwark:Policy"] = "signatures-only",
            ["Bulwark:Policies:masked:Extends"] = "signatures-only",
            ["Bulwark:Policies:masked:Pii"] = "Redact",
        });
        (_, _key) = await _gw.CreateKeyAsync("alice", policy: "masked");
    }

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    private static long AuditIndex(HttpResponseMessage r) => long.Parse(r.Headers.GetValues("bulwark-audit-index").Single(), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task HandleAsync_PromptWithEmailAndCard_UpstreamSeesOnlyPlaceholders()
    {
        using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", _key,
            GatewayServer.ChatJson("fake-gpt", $"Mail {Email} the receipt for card {Card}, then mail {Email} again.")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(_gw.Fake.Requests).ToJsonString();
        Assert.DoesNotContain(Email, sent);
        Assert.DoesNotContain("1111 1111", sent);
        Assert.Contains("Mail [EMAIL_1] the receipt for card [CARD_1], then mail [EMAIL_1] again.", sent);
        var record = await _gw.AuditRecordAsync(AuditIndex(response));
        Assert.Equal("redact", (string?)record["input"]!["action"]);
        Assert.Equal(2, (int)record["input"]!["pii"]!["email"]!);
        Assert.Equal(1, (int)record["input"]!["pii"]!["card"]!);
        Assert.Equal("masked", (string?)record["policy"]);
        Assert.DoesNotContain("example.com", record.ToJsonString());
    }

    [Fact]
    public async Task HandleAsync_StreamedAnswerWithValueSplitAcrossChunks_ClientSeesPlaceholderOnly()
    {
        _gw.Fake.Respond = (ctx, _, _) => FakeUpstream.OpenAiStream(ctx,
            ["Sure. You can write to ali", "ce.smi", "th@exam", "ple.com or call +44 20 ", "7946 0958", " any day."]);
        using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", _key,
            GatewayServer.ChatJson("fake-gpt", "How do I reach support?", stream: true)), HttpCompletionOption.ResponseHeadersRead);
        var (events, raw) = await ByteSseParser.ReadAllAsync(await response.Content.ReadAsStreamAsync(), CancellationToken.None);

        var text = new StringBuilder();
        foreach (var e in events.Where(e => e.Data != "[DONE]"))
        {
            var content = JsonNode.Parse(e.Data)?["choices"]?.AsArray().FirstOrDefault()?["delta"]?["content"];
            if (content is not null) text.Append((string?)content);
        }
        Assert.Equal("Sure. You can write to [EMAIL_1] or call [PHONE_1] any day.", text.ToString());
        Assert.DoesNotContain("ali", raw.Replace("[EMAIL_1]", "", StringComparison.Ordinal).Replace("Sure", "", StringComparison.Ordinal));
        Assert.DoesNotContain("7946", raw);
        Assert.Equal("data: [DONE]", raw.TrimEnd().Split('\n')[^1].TrimEnd());
    }

    [Fact]
    public async Task HandleAsync_NonStreamedAnswerWithSecret_ClientSeesPlaceholder()
    {
        _gw.Fake.Respond = (ctx, _, _) => FakeUpstream.OpenAiStream(ctx, ["Use the key ", "AKIAIOSFODNN7EXAMPLE", " for the bucket."]);
        using var response = await _gw.Client.SendAsync(GatewayServer.Post("/v1/chat/completions", _key, GatewayServer.ChatJson("fake-gpt", "Which key?")));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Use the key [SECRET_1] for the bucket.", (string?)body["choices"]![0]!["message"]!["content"]);
    }
}
