using System.Text.Json.Nodes;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Protocols.Scanning;
using Bulwark.Gateway.Protocols.Tools;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Protocols.Anthropic;

/// <summary>The Anthropic Messages API, as clients see it.</summary>
public sealed class AnthropicProtocol(BulwarkOptions? options = null) : IClientProtocol
{
    public string Name => "anthropic";

    public ParseOutcome Parse(JsonObject body) =>
        ScannedParser.Parse(body, AnthropicMessagesFields.Request, options?.UnknownFields ?? UnknownFieldHandling.Drop, dottedPaths: true, AnthropicRequestParser.Parse);

    public static string ErrorType(int status) => status switch
    {
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        >= 400 and < 500 => "invalid_request_error",
        503 or 529 => "overloaded_error",
        _ => "api_error",
    };

    public Task WriteErrorAsync(HttpContext context, GatewayError error, BulwarkInfo bulwark)
    {
        error.ApplyHeaders(context.Response);
        return JsonOutput.WriteAsync(context, error.StatusCode, w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "error");
            w.WriteStartObject("error");
            w.WriteString("type", error.Type ?? ErrorType(error.StatusCode));
            w.WriteString("message", error.Message);
            w.WriteEndObject();
            JsonOutput.WriteBulwark(w, bulwark with { Reason = bulwark.Reason ?? error.Code });
            w.WriteEndObject();
        });
    }

    /// <summary>The stop reason for a neutral finish reason; "stop_sequence" when the upstream named the sequence that stopped it.</summary>
    public static string StopReason(string finishReason, Upstreams.UpstreamDetails? details = null) => finishReason switch
    {
        "stop" when StopSequenceOf(details) is not null => "stop_sequence",
        "length" => "max_tokens",
        "content_filter" => "refusal",
        "tool_calls" => "tool_use",
        _ => "end_turn",
    };

    public Task WriteCompletionAsync(HttpContext context, CompletionResult result) =>
        JsonOutput.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("id", "msg_" + (result.Bulwark?.RequestId ?? Guid.NewGuid().ToString("N")));
            w.WriteString("type", "message");
            w.WriteString("role", "assistant");
            w.WriteString("model", result.Model);
            w.WriteStartArray("content");
            foreach (var thinking in result.Thinking) WriteThinking(w, thinking);
            if (result.Text.Length > 0)
            {
                w.WriteStartObject();
                w.WriteString("type", "text");
                w.WriteString("text", result.Text);
                w.WriteEndObject();
            }
            foreach (var call in result.ToolCalls) WriteToolUse(w, call);
            w.WriteEndArray();
            w.WriteString("stop_reason", StopReason(result.FinishReason, result.Details));
            WriteStopSequence(w, result.Details);
            if (result.Details is { Wire: "anthropic", Usage: { } usage })
            {
                w.WritePropertyName("usage");
                usage.WriteTo(w);
            }
            else
            {
                w.WriteStartObject("usage");
                w.WriteNumber("input_tokens", result.PromptTokens);
                w.WriteNumber("output_tokens", result.CompletionTokens);
                w.WriteEndObject();
            }
            if (result.Bulwark is not null) JsonOutput.WriteBulwark(w, result.Bulwark);
            w.WriteEndObject();
        });

    /// <summary>The upstream's stop_sequence (an Anthropic upstream's own answer), or null.</summary>
    public static string? StopSequenceOf(Upstreams.UpstreamDetails? details) =>
        details is { Wire: "anthropic" } ? JsonFields.StringOrNull(details.Fields[Upstreams.Http.AnthropicUpstreamClient.StopSequence]) : null;

    internal static void WriteStopSequence(System.Text.Json.Utf8JsonWriter w, Upstreams.UpstreamDetails? details)
    {
        if (StopSequenceOf(details) is { } sequence) w.WriteString("stop_sequence", sequence);
        else w.WriteNull("stop_sequence");
    }

    /// <summary>A thinking block (text and signature) or a redacted_thinking block, whole.</summary>
    internal static void WriteThinking(System.Text.Json.Utf8JsonWriter w, ThinkingBlock block)
    {
        w.WriteStartObject();
        if (block.RedactedData is { } data)
        {
            w.WriteString("type", "redacted_thinking");
            w.WriteString("data", data);
        }
        else
        {
            w.WriteString("type", "thinking");
            w.WriteString("thinking", block.Thinking);
            w.WriteString("signature", block.Signature ?? "");
        }
        w.WriteEndObject();
    }

    /// <summary>A whole tool_use block.</summary>
    internal static void WriteToolUse(System.Text.Json.Utf8JsonWriter w, ToolCall call)
    {
        w.WriteStartObject();
        w.WriteString("type", "tool_use");
        w.WriteString("id", call.Id);
        w.WriteString("name", call.Name);
        w.WritePropertyName("input");
        WireMessages.ArgumentsObject(call.Arguments).WriteTo(w);
        w.WriteEndObject();
    }

    public IClientStreamWriter CreateStreamWriter(HttpContext context, string model, string requestId) =>
        new AnthropicStreamWriter(context.Response, model, "msg_" + requestId);
}
