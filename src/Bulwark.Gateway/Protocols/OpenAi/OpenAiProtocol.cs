using System.Text.Json.Nodes;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Protocols.Scanning;
using System.Text.Json;
using Bulwark.Gateway.Protocols.Tools;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Protocols.OpenAi;

/// <summary>The OpenAI-compatible chat completions API, as clients see it.</summary>
public sealed class OpenAiProtocol(TimeProvider timeProvider, BulwarkOptions? options = null) : IClientProtocol
{
    public string Name => "openai";

    public ParseOutcome Parse(JsonObject body) =>
        ScannedParser.Parse(body, OpenAiChatFields.Request, options?.UnknownFields ?? UnknownFieldHandling.Drop, dottedPaths: false, OpenAiRequestParser.Parse);

    public static string ErrorType(int status) => status switch
    {
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "invalid_request_error",
        415 => "invalid_request_error",
        429 => "rate_limit_error",
        >= 400 and < 500 => "invalid_request_error",
        503 => "service_unavailable",
        _ => "upstream_error",
    };

    public Task WriteErrorAsync(HttpContext context, GatewayError error, BulwarkInfo bulwark)
    {
        error.ApplyHeaders(context.Response);
        return JsonOutput.WriteAsync(context, error.StatusCode, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("type", error.Type ?? ErrorType(error.StatusCode));
            w.WriteString("code", error.Code);
            w.WriteString("message", error.Message);
            if (error.Param is null) w.WriteNull("param");
            else w.WriteString("param", error.Param);
            JsonOutput.WriteBulwark(w, bulwark);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    public Task WriteCompletionAsync(HttpContext context, CompletionResult result) =>
        JsonOutput.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("id", "chatcmpl-" + (result.Bulwark?.RequestId ?? Guid.NewGuid().ToString("N")));
            w.WriteString("object", "chat.completion");
            w.WriteNumber("created", timeProvider.GetUtcNow().ToUnixTimeSeconds());
            w.WriteString("model", result.Model);
            w.WriteStartArray("choices");
            foreach (var choice in result.AllChoices) WriteChoice(w, choice);
            w.WriteEndArray();
            var details = result.Details?.Wire == Name ? result.Details : null;
            if (details?.Usage is { } usage)
            {
                w.WritePropertyName("usage");
                usage.WriteTo(w);
            }
            else
            {
                w.WriteStartObject("usage");
                w.WriteNumber("prompt_tokens", result.PromptTokens);
                w.WriteNumber("completion_tokens", result.CompletionTokens);
                w.WriteNumber("total_tokens", result.PromptTokens + result.CompletionTokens);
                w.WriteEndObject();
            }
            if (details is not null)
            {
                foreach (var (k, v) in details.Fields)
                {
                    w.WritePropertyName(k);
                    if (v is null) w.WriteNullValue();
                    else v.WriteTo(w);
                }
            }
            if (result.Bulwark is not null) JsonOutput.WriteBulwark(w, result.Bulwark);
            w.WriteEndObject();
        });

    private static void WriteChoice(Utf8JsonWriter w, CompletionChoice choice)
    {
        w.WriteStartObject();
        w.WriteNumber("index", choice.Index);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        if (choice.Text.Length == 0 && choice.ToolCalls.Count > 0) w.WriteNull("content");
        else w.WriteString("content", choice.Text);
        w.WriteNull("refusal");
        if (choice.ToolCalls.Count > 0)
        {
            w.WriteStartArray("tool_calls");
            foreach (var call in choice.ToolCalls) WriteToolCall(w, call, null);
            w.WriteEndArray();
        }
        w.WriteEndObject();
        WriteLogprobs(w, choice.Logprobs);
        w.WriteString("finish_reason", choice.FinishReason);
        w.WriteEndObject();
    }

    /// <summary>A choice's "logprobs": null, or an object whose content lists the released tokens' entries as the upstream sent them.</summary>
    internal static void WriteLogprobs(Utf8JsonWriter w, System.Text.Json.Nodes.JsonArray? content)
    {
        if (content is null)
        {
            w.WriteNull("logprobs");
            return;
        }
        w.WriteStartObject("logprobs");
        w.WritePropertyName("content");
        content.WriteTo(w);
        w.WriteNull("refusal");
        w.WriteEndObject();
    }

    /// <summary>One tool call as the API writes it; <paramref name="index"/> only in stream deltas.</summary>
    internal static void WriteToolCall(Utf8JsonWriter w, ToolCall call, int? index)
    {
        w.WriteStartObject();
        if (index is { } i) w.WriteNumber("index", i);
        w.WriteString("id", call.Id);
        w.WriteString("type", "function");
        w.WriteStartObject("function");
        w.WriteString("name", call.Name);
        w.WriteString("arguments", call.Arguments);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public IClientStreamWriter CreateStreamWriter(HttpContext context, string model, string requestId) =>
        new OpenAiStreamWriter(context.Response, model, "chatcmpl-" + requestId, timeProvider.GetUtcNow().ToUnixTimeSeconds());
}
