using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bulwark.RedTeam.Operators;

namespace Bulwark.RedTeam.Targets;

/// <summary>
/// A deployment attacked over its public API, exactly as a client would call it: Chat Completions
/// (<c>Authorization: Bearer</c>) or Messages (<c>x-api-key</c>, <c>anthropic-version</c>), always streamed, the SSE
/// read line by line. A refusal is a result, not an exception; transport failures are <see cref="TargetOutcome.Failed"/>
/// with status 0.
/// </summary>
public sealed class HttpTarget : ITarget
{
    private const string ContentFilter = "content_filter";
    private const string GuardError = "guard_error";
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string _key;
    private readonly string _model;
    private readonly WireProtocol _protocol;
    private readonly int _maxTokens;

    public HttpTarget(HttpClient http, Uri gateway, string key, string model, WireProtocol protocol, int maxTokens = 400)
    {
        _http = http;
        _key = key;
        _model = model;
        _protocol = protocol;
        _maxTokens = maxTokens;
        var root = gateway.ToString().TrimEnd('/');
        if (!root.EndsWith("/v1", StringComparison.Ordinal)) root += "/v1";
        _endpoint = new Uri(root + (protocol == WireProtocol.OpenAi ? "/chat/completions" : "/messages"));
    }

    public string Name => _endpoint.ToString();

    public async Task<TargetReply> SendAsync(IReadOnlyList<ChatTurn> conversation, CancellationToken cancellationToken)
    {
        var body = _protocol == WireProtocol.OpenAi
            ? OpenAiWire.Build(_model, conversation, _maxTokens)
            : AnthropicWire.Build(_model, conversation, _maxTokens);
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (_protocol == WireProtocol.OpenAi)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _key);
        }
        else
        {
            request.Headers.Add("x-api-key", _key);
            request.Headers.Add("anthropic-version", AnthropicWire.Version);
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                return new TargetReply(TargetOutcome.RateLimited, status, "") { RetryAfter = RetryAfter(response), Error = "rate_limited" };
            if (!response.IsSuccessStatusCode)
                return ErrorReply(status, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return mediaType == "text/event-stream"
                ? await ReadStreamAsync(stream, status, cancellationToken).ConfigureAwait(false)
                : ReadCompletion(status, await new StreamReader(stream).ReadToEndAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (HttpRequestException ex)
        {
            return new TargetReply(TargetOutcome.Failed, 0, "") { Error = ex.Message };
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new TargetReply(TargetOutcome.Failed, 0, "") { Error = "timed out: " + ex.Message };
        }
    }

    internal static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retry) return null;
        if (retry.Delta is { } delta) return delta;
        if (retry.Date is { } date) return date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        return null;
    }

    private static TargetReply ErrorReply(int status, string text)
    {
        JsonNode? json = null;
        try { json = JsonNode.Parse(text); } catch (JsonException) { }
        var bulwark = json?["bulwark"] ?? json?["error"]?["bulwark"];
        var code = Str(json?["error"]?["code"]) ?? Str(bulwark?["reason"]) ?? Str(json?["error"]?["type"]);
        var reply = new TargetReply(code is ContentFilter or GuardError ? TargetOutcome.BlockedInput : TargetOutcome.Failed, status, "")
        {
            Categories = Categories(bulwark), Score = Score(bulwark), Error = code ?? Truncate(text),
        };
        return reply;
    }

    private async Task<TargetReply> ReadStreamAsync(Stream stream, int status, CancellationToken ct)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = new StringBuilder();
        var blocked = false;
        string? error = null;
        var categories = new List<string>();
        double? score = null;
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal)) continue;
            var data = line[5..].Trim();
            if (data == "[DONE]") break;
            JsonNode? e;
            try { e = JsonNode.Parse(data); } catch (JsonException) { continue; }
            if (e is null) continue;
            if (e["bulwark"] is { } b)
            {
                categories.AddRange(Categories(b).Except(categories));
                score ??= Score(b);
            }
            if (e["error"] is { } err)
            {
                var code = Str(err["code"]) ?? Str(err["type"]) ?? "stream_error";
                if (code is ContentFilter or GuardError) blocked = true;
                else error = code;
                continue;
            }
            if (_protocol == WireProtocol.OpenAi)
            {
                var choice = First(e["choices"]);
                if (Str(choice?["delta"]?["content"]) is { } delta) text.Append(delta);
                if (Str(choice?["finish_reason"]) == ContentFilter) blocked = true;
            }
            else
            {
                var type = Str(e["type"]);
                if (type == "content_block_delta" && Str(e["delta"]?["type"]) == "text_delta") text.Append(Str(e["delta"]?["text"]));
                else if (type == "message_delta" && Str(e["delta"]?["stop_reason"]) == "refusal") blocked = true;
                else if (type == "message_stop") break;
            }
        }
        if (blocked) return new TargetReply(TargetOutcome.BlockedOutput, status, text.ToString()) { Categories = categories, Score = score };
        if (error is not null) return new TargetReply(TargetOutcome.Failed, status, text.ToString()) { Error = error };
        return new TargetReply(TargetOutcome.Answered, status, text.ToString()) { Categories = categories, Score = score };
    }

    private TargetReply ReadCompletion(int status, string body)
    {
        JsonNode? json;
        try { json = JsonNode.Parse(body); } catch (JsonException) { json = null; }
        if (json is null) return new TargetReply(TargetOutcome.Failed, status, "") { Error = "not JSON: " + Truncate(body) };
        string text;
        bool refused;
        if (_protocol == WireProtocol.OpenAi)
        {
            var choice = First(json["choices"]);
            text = Str(choice?["message"]?["content"]) ?? "";
            refused = Str(choice?["finish_reason"]) == ContentFilter;
        }
        else
        {
            text = json["content"] is JsonArray parts ? string.Concat(parts.Select(p => Str(p?["text"]) ?? "")) : "";
            refused = Str(json["stop_reason"]) == "refusal";
        }
        return new TargetReply(refused ? TargetOutcome.BlockedOutput : TargetOutcome.Answered, status, text)
        {
            Categories = Categories(json["bulwark"]), Score = Score(json["bulwark"]),
        };
    }

    private static IReadOnlyList<string> Categories(JsonNode? bulwark) =>
        bulwark?["categories"] is JsonArray a ? a.Select(Str).OfType<string>().ToArray() : [];

    private static double? Score(JsonNode? bulwark) =>
        bulwark?["score"] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    private static JsonNode? First(JsonNode? node) => node is JsonArray { Count: > 0 } a ? a[0] : null;

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string Truncate(string s) => s.Length <= 160 ? s : s[..160].ToString(CultureInfo.InvariantCulture) + "…";
}
