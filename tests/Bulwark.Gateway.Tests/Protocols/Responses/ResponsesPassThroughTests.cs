using System.Net;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Tests.Protocols.Responses;

/// <summary>
/// POST /v1/responses to an "openai" upstream passes through to its /v1/responses endpoint (real Kestrel on both
/// sides, the fake speaking the published Responses wire format, the stream parsed byte by byte): the walked body
/// goes out, the typed events come back through the output guards, and what the gateway need not change passes back.
/// </summary>
public sealed class ResponsesPassThroughTests : IAsyncLifetime
{
    private const string Route = "/v1/responses";
    private const string Harmful = "Step 1: Obtain the restricted precursor chemicals to synthesize the nerve agent in your improvised lab.";
    private GatewayServer _gw = null!;
    private string _key = "";

    public async Task InitializeAsync()
    {
        _gw = await GatewayServer.StartAsync(GatewayServer.DeadUpstreamModel("fake-gpt-fb", "fake-openai:gpt-fallback"));
        (_, _key) = await _gw.CreateKeyAsync("grace");
    }

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    private static long AuditIndex(HttpResponseMessage response) => long.Parse(response.Headers.GetValues("bulwark-audit-index").Single(), System.Globalization.CultureInfo.InvariantCulture);

    private static string Json(string input, bool stream = false, string model = "fake-gpt") =>
        new JsonObject { ["model"] = model, ["input"] = input, ["stream"] = stream }.ToJsonString();

    private async Task<(List<SseClientEvent> Events, List<JsonNode> Data, string Raw, HttpResponseMessage Response)> StreamAsync(string json)
    {
        var response = await _gw.Client.SendAsync(GatewayServer.Post(Route, _key, json), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var (events, raw) = await ByteSseParser.ReadAllAsync(await response.Content.ReadAsStreamAsync(), CancellationToken.None);
        return (events, events.Select(e => JsonNode.Parse(e.Data)!).ToList(), raw, response);
    }

    [Fact]
    public async Task Create_Whole_ForwardsWalkedBodyToResponsesEndpointAndPassesBackUpstreamFields()
    {
        _gw.Fake.Respond = (ctx, protocol, _) => protocol == "responses"
            ? new FakeResponsesStream(ctx) { Reasoning = true }.TextAsync(["Paris ", "is ", "the ", "capital."])
            : throw new InvalidOperationException("not the responses endpoint: " + protocol);
        var json = new JsonObject
        {
            ["model"] = "fake-gpt", ["instructions"] = "Answer briefly.", ["temperature"] = 0.2, ["store"] = false,
            ["metadata"] = new JsonObject { ["ticket"] = "T-9" }, ["surprise"] = "dropped by default",
            ["input"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = "Capital of France?" }) }),
        }.ToJsonString();

        using var response = await _gw.Client.SendAsync(GatewayServer.Post(Route, _key, json));
        var raw = await response.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(raw)!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(_gw.Fake.Requests);
        Assert.Equal("gpt-upstream", (string?)sent["model"]);
        Assert.True((bool)sent["stream"]!);
        Assert.Equal("Answer briefly.", (string?)sent["instructions"]);
        Assert.Equal("Capital of France?", (string?)sent["input"]![0]!["content"]![0]!["text"]);
        Assert.Equal(0.2, (double)sent["temperature"]!);
        Assert.False(sent.ContainsKey("surprise"));
        Assert.False(sent.ContainsKey("messages"));
        Assert.Equal(FakeResponsesStream.Id, (string?)body["id"]);
        Assert.Equal(1741476542, (long)body["created_at"]!);
        Assert.Equal("completed", (string?)body["status"]);
        Assert.Equal("fake-gpt", (string?)body["model"]);
        Assert.Equal("t-1", (string?)body["metadata"]!["trace"]);
        Assert.Equal("default", (string?)body["service_tier"]);
        Assert.True((bool)body["store"]!);
        Assert.Equal(12, (int)body["usage"]!["input_tokens_details"]!["cached_tokens"]!);
        Assert.Equal(64, (int)body["usage"]!["output_tokens_details"]!["reasoning_tokens"]!);
        Assert.Equal(123, (int)body["usage"]!["total_tokens"]!);
        var output = body["output"]!.AsArray();
        Assert.Equal("reasoning", (string?)output[0]!["type"]);
        Assert.Equal("rs_fake", (string?)output[0]!["id"]);
        Assert.Equal("gAAAAB-opaque", (string?)output[0]!["encrypted_content"]);
        Assert.DoesNotContain(FakeResponsesStream.SecretSummary, raw, StringComparison.Ordinal);
        Assert.Equal("Paris is the capital.", (string?)output[1]!["content"]![0]!["text"]);
        var record = await _gw.AuditRecordAsync(AuditIndex(response));
        Assert.Equal("served", (string?)record["outcome"]);
        Assert.Equal("responses", (string?)record["protocol"]);
        Assert.Equal(36, (int)record["prompt_tokens"]!);
        Assert.Equal(87, (int)record["completion_tokens"]!);
    }

    [Fact]
    public async Task Create_Streamed_TypedEventsInOrderWithSequenceNumbersAndTheUpstreamResponse()
    {
        _gw.Fake.Respond = (ctx, _, _) => new FakeResponsesStream(ctx) { Reasoning = true }.TextAsync(["Paris ", "is ", "the ", "capital ", "of ", "France."]);

        var (events, data, raw, response) = await StreamAsync(Json("Capital of France?", stream: true));
        using var _ = response;

        var types = events.Select(e => e.Event).ToList();
        Assert.Equal(["response.created", "response.in_progress", "response.output_item.added", "response.output_item.done"], types.Take(4));
        Assert.Equal(["response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"], types.TakeLast(4));
        Assert.Equal(Enumerable.Range(0, data.Count), data.Select(d => (int)d["sequence_number"]!));
        Assert.All(data.Zip(types), p => Assert.Equal(p.Second, (string?)p.First["type"]));
        Assert.Equal(FakeResponsesStream.Id, (string?)data[0]["response"]!["id"]);
        Assert.Equal("in_progress", (string?)data[0]["response"]!["status"]);
        Assert.Equal("reasoning", (string?)data[3]["item"]!["type"]);
        Assert.DoesNotContain(FakeResponsesStream.SecretSummary, raw, StringComparison.Ordinal);
        var deltas = data.Where(d => (string?)d["type"] == "response.output_text.delta").ToList();
        Assert.Equal("Paris is the capital of France.", string.Concat(deltas.Select(d => (string?)d["delta"])));
        Assert.All(deltas, d => Assert.Equal((string?)data[4]["item"]!["id"], (string?)d["item_id"]));
        var completed = data[^1]["response"]!;
        Assert.Equal(FakeResponsesStream.Id, (string?)completed["id"]);
        Assert.Equal("completed", (string?)completed["status"]);
        Assert.Equal(12, (int)completed["usage"]!["input_tokens_details"]!["cached_tokens"]!);
        Assert.Equal("Paris is the capital of France.", (string?)completed["output"]![1]!["content"]![0]!["text"]);
        var record = await _gw.AuditRecordAsync((long)completed["bulwark"]!["audit_index"]!);
        Assert.Equal("served", (string?)record["outcome"]);
    }

    [Fact]
    public async Task Create_HarmfulPhraseMidStream_HaltedBeforeTheClientSeesItAndTheModelIsStopped()
    {
        string[] words = [.. "Here is a short overview of the chemistry topic you asked about, written for a general audience. ".Split(' ').Select(w => w + " "),
            .. (Harmful + " And more text follows here for a long while. ").Split(' ').Select(w => w + " "),
            .. Enumerable.Repeat("filler ", 200)];
        _gw.Fake.Respond = (ctx, _, _) => new FakeResponsesStream(ctx) { Delay = TimeSpan.FromMilliseconds(2) }.TextAsync(words);

        var (events, data, raw, response) = await StreamAsync(Json("Tell me about chemistry", stream: true));
        using var _ = response;

        Assert.DoesNotContain("precursor", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("nerve agent", raw, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("response.incomplete", events[^1].Event);
        var end = data[^1]["response"]!;
        Assert.Equal("incomplete", (string?)end["status"]);
        Assert.Equal("content_filter", (string?)end["incomplete_details"]!["reason"]);
        Assert.Equal(FakeResponsesStream.Id, (string?)end["id"]);
        Assert.StartsWith("Here is a short overview", (string?)end["output"]![0]!["content"]![0]!["text"]);
        await _gw.Fake.Aborted.Task.WaitAsync(TimeSpan.FromSeconds(10)); // the upstream call was cut: the model stopped
        var record = await _gw.AuditRecordAsync((long)end["bulwark"]!["audit_index"]!);
        Assert.Equal("blocked_output", (string?)record["outcome"]);
    }

    [Fact]
    public async Task Create_HarmfulAnswerWhole_EndsIncompleteWithContentFilterAndNoText()
    {
        _gw.Fake.Respond = (ctx, _, _) => new FakeResponsesStream(ctx).TextAsync(Harmful.Split(' ').Select(w => w + " "));

        using var response = await _gw.Client.SendAsync(GatewayServer.Post(Route, _key, Json("Tell me about chemistry")));
        var raw = await response.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(raw)!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("incomplete", (string?)body["status"]);
        Assert.Equal("content_filter", (string?)body["incomplete_details"]!["reason"]);
        Assert.DoesNotContain("precursor", raw, StringComparison.OrdinalIgnoreCase);
        var record = await _gw.AuditRecordAsync(AuditIndex(response));
        Assert.Equal("blocked_output", (string?)record["outcome"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Create_FunctionCall_ReleasedWholeAfterTheGuards(bool stream)
    {
        _gw.Fake.Respond = (ctx, _, _) => new FakeResponsesStream(ctx).FunctionCallAsync("call_42", "get_weather", ["{\"ci", "ty\":\"Pa", "ris\"}"], text: "Checking.");
        var json = new JsonObject
        {
            ["model"] = "fake-gpt", ["input"] = "Weather in Paris?", ["stream"] = stream,
            ["tools"] = new JsonArray(new JsonObject { ["type"] = "function", ["name"] = "get_weather", ["description"] = "Current weather", ["parameters"] = new JsonObject { ["type"] = "object" } }),
        }.ToJsonString();

        JsonNode final;
        if (stream)
        {
            var (events, data, _, response) = await StreamAsync(json);
            using var _r = response;
            var done = data.Single(d => (string?)d["type"] == "response.function_call_arguments.done");
            Assert.Equal("get_weather", (string?)done["name"]);
            Assert.Equal("{\"city\":\"Paris\"}", (string?)done["arguments"]);
            Assert.Equal("response.completed", events[^1].Event);
            final = data[^1]["response"]!;
        }
        else
        {
            using var response = await _gw.Client.SendAsync(GatewayServer.Post(Route, _key, json));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            final = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }

        var call = final["output"]!.AsArray().Single(o => (string?)o!["type"] == "function_call")!;
        Assert.Equal("call_42", (string?)call["call_id"]);
        Assert.Equal("get_weather", (string?)call["name"]);
        Assert.Equal("{\"city\":\"Paris\"}", (string?)call["arguments"]);
        Assert.Equal("Checking.", (string?)final["output"]![0]!["content"]![0]!["text"]);
        var sent = Assert.Single(_gw.Fake.Requests);
        Assert.Equal("get_weather", (string?)sent["tools"]![0]!["name"]);
    }

    [Fact]
    public async Task Create_FunctionCallWithHarmfulArguments_BlockedAndNeverReleased()
    {
        _gw.Fake.Respond = (ctx, _, _) => new FakeResponsesStream(ctx).FunctionCallAsync("call_9", "write_note", ["{\"text\":\"", Harmful, "\"}"]);
        var json = new JsonObject
        {
            ["model"] = "fake-gpt", ["input"] = "Take a note", ["stream"] = true,
            ["tools"] = new JsonArray(new JsonObject { ["type"] = "function", ["name"] = "write_note", ["parameters"] = new JsonObject { ["type"] = "object" } }),
        }.ToJsonString();

        var (events, data, raw, response) = await StreamAsync(json);
        using var _ = response;

        Assert.DoesNotContain("precursor", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(events, e => e.Event.StartsWith("response.function_call_arguments", StringComparison.Ordinal));
        Assert.Equal("response.incomplete", events[^1].Event);
        Assert.Equal("content_filter", (string?)data[^1]["response"]!["incomplete_details"]!["reason"]);
    }

    [Fact]
    public async Task Create_UpstreamIncompleteForLength_PassesBackMaxOutputTokens()
    {
        _gw.Fake.Respond = (ctx, _, _) => new FakeResponsesStream(ctx) { IncompleteReason = "max_output_tokens" }.TextAsync(["Paris ", "is"]);

        using var response = await _gw.Client.SendAsync(GatewayServer.Post(Route, _key, Json("Capital of France?")));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("incomplete", (string?)body["status"]);
        Assert.Equal("max_output_tokens", (string?)body["incomplete_details"]!["reason"]);
        Assert.Equal("Paris is", (string?)body["output"]![0]!["content"]![0]!["text"]);
    }

    [Fact]
    public async Task Create_UpstreamErrorEventMidStream_EndsWithAnErrorEvent()
    {
        _gw.Fake.Respond = (ctx, _, _) => new FakeResponsesStream(ctx).ErrorMidStreamAsync("Partial");

        var (events, data, _, response) = await StreamAsync(Json("Capital of France?", stream: true));
        using var _r = response;

        Assert.Equal("error", events[^1].Event);
        Assert.Equal("upstream_error", (string?)data[^1]["code"]);
        var record = await _gw.AuditRecordAsync((long)data[^1]["bulwark"]!["audit_index"]!);
        Assert.Equal("upstream_error", (string?)record["outcome"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Create_Upstream400_KeepsStatusTypeCodeAndParamInTheOpenAiErrorShape(bool stream)
    {
        _gw.Fake.Respond = (ctx, _, _) => Error(ctx, 400, """{"error":{"message":"Your input exceeds the context window of this model.","type":"invalid_request_error","param":"input","code":"context_length_exceeded"}}""");

        using var response = await _gw.Client.SendAsync(GatewayServer.Post(Route, _key, Json("Hello there", stream)));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", (string?)error["type"]);
        Assert.Equal("context_length_exceeded", (string?)error["code"]);
        Assert.Equal("input", (string?)error["param"]);
        Assert.Equal("Your input exceeds the context window of this model.", (string?)error["message"]);
        Assert.Single(_gw.Fake.Requests); // a 400 is not retried
        var record = await _gw.AuditRecordAsync((long)error["bulwark"]!["audit_index"]!);
        Assert.Equal("upstream_error", (string?)record["outcome"]);
    }

    [Fact]
    public async Task Create_Upstream429_RetriedThenPassedOnWithRetryAfter()
    {
        _gw.Fake.Respond = (ctx, _, _) =>
        {
            ctx.Response.Headers["Retry-After"] = "0";
            ctx.Response.Headers["x-ratelimit-remaining-requests"] = "0";
            return Error(ctx, 429, """{"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}}""");
        };

        using var response = await _gw.Client.SendAsync(GatewayServer.Post(Route, _key, Json("Hello there")));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("rate_limit_exceeded", (string?)error["code"]);
        Assert.Equal("0", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("0", response.Headers.GetValues("x-ratelimit-remaining-requests").Single());
        Assert.Equal(3, _gw.Fake.Requests.Count); // the first try and two bounded retries
    }

    [Fact]
    public async Task Create_Upstream500_NotRetried_Becomes502()
    {
        _gw.Fake.Respond = (ctx, _, _) => Error(ctx, 500, """{"error":{"message":"boom","type":"server_error","param":null,"code":null}}""");

        using var response = await _gw.Client.SendAsync(GatewayServer.Post(Route, _key, Json("Hello there")));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Single(_gw.Fake.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Create_UnreachableUpstream_FallsBackToTheNextResponsesUpstreamAndAuditsTheAttempt(bool stream)
    {
        using var response = await _gw.Client.SendAsync(GatewayServer.Post(Route, _key, Json("Capital of France?", stream, model: "fake-gpt-fb")));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(FakeResponsesStream.Id, text, StringComparison.Ordinal);
        var sent = Assert.Single(_gw.Fake.Requests);
        Assert.Equal("gpt-fallback", (string?)sent["model"]);
        Assert.NotNull(sent["input"]);
        var index = AuditIndex(response);
        var record = await _gw.AuditRecordAsync(stream ? index + 1 : index);
        var attempt = record["details"]!["attempts"]![0]!;
        Assert.Equal("dead", (string?)attempt["upstream"]);
        Assert.Equal("upstream_unavailable", (string?)attempt["code"]);
    }

    [Theory]
    [InlineData("""{"model":"fake-gpt","input":"hi","previous_response_id":"resp_123"}""", "previous_response_id", "unscannable_content")]
    [InlineData("""{"model":"fake-gpt","input":"hi","conversation":"conv_123"}""", "conversation", "unscannable_content")]
    [InlineData("""{"model":"fake-gpt","input":"hi","background":true}""", "background", "unsupported_parameter")]
    public async Task Create_ProviderStoredStateOrBackground_RefusedUnderDefaultSettingsAndNothingForwarded(string json, string param, string code)
    {
        using var response = await _gw.Client.SendAsync(GatewayServer.Post(Route, _key, json));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, (string?)error["param"]);
        Assert.Equal(code, (string?)error["code"]);
        Assert.Empty(_gw.Fake.Requests);
    }

    [Fact]
    public async Task Create_UpstreamAnswersWithOneJsonDocument_ReadAsAWholeResponse()
    {
        _gw.Fake.Respond = (ctx, _, _) =>
        {
            var response = FakeResponsesStream.Shell("completed");
            response["output"] = new JsonArray(
                new JsonObject { ["type"] = "reasoning", ["id"] = "rs_doc", ["summary"] = new JsonArray(new JsonObject { ["type"] = "summary_text", ["text"] = FakeResponsesStream.SecretSummary }) },
                new JsonObject
                {
                    ["type"] = "message", ["id"] = "msg_doc", ["status"] = "completed", ["role"] = "assistant",
                    ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = "Paris.", ["annotations"] = new JsonArray() }),
                });
            response["usage"] = new JsonObject { ["input_tokens"] = 5, ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 }, ["output_tokens"] = 2, ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 }, ["total_tokens"] = 7 };
            ctx.Response.ContentType = "application/json";
            return ctx.Response.WriteAsync(response.ToJsonString());
        };

        var (events, data, raw, response) = await StreamAsync(Json("Capital of France?", stream: true));
        using var _ = response;

        Assert.DoesNotContain(FakeResponsesStream.SecretSummary, raw, StringComparison.Ordinal);
        Assert.Equal("Paris.", string.Concat(data.Where(d => (string?)d["type"] == "response.output_text.delta").Select(d => (string?)d["delta"])));
        Assert.Equal("response.completed", events[^1].Event);
        Assert.Equal(FakeResponsesStream.Id, (string?)data[^1]["response"]!["id"]);
        Assert.Equal(7, (int)data[^1]["response"]!["usage"]!["total_tokens"]!);
        Assert.Equal("rs_doc", (string?)data[^1]["response"]!["output"]![0]!["id"]);
    }

    private static Task Error(HttpContext ctx, int status, string json)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync(json);
    }
}
