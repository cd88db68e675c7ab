using System.Text.Json.Nodes;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Protocols.OpenAi;
using Bulwark.Gateway.Protocols.Scanning;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Protocols.Responses;

/// <summary>
/// The OpenAI Responses API (POST /v1/responses), as clients see it. Requests are walked with their own field tree
/// and read into the neutral conversation, and go through the same pipeline as chat completions: an "openai"
/// upstream gets the walked body on its own /responses endpoint (its answer's id, settings, usage and reasoning items
/// come back), "anthropic" and "simulated" upstreams get it translated. Errors have the OpenAI error shape.
/// </summary>
public sealed class ResponsesProtocol(TimeProvider timeProvider, OpenAiProtocol openAi, BulwarkOptions? options = null) : IClientProtocol
{
    /// <summary>The protocol's name: in audit records, and the client protocol of the upstream calls it makes.</summary>
    public const string ProtocolName = "responses";

    public string Name => ProtocolName;

    public ParseOutcome Parse(JsonObject body)
    {
        // A string input is shorthand for one user message: written out so the walk gives it the user's trust.
        if (body["input"] is JsonValue text && JsonFields.TryString(text, out var said))
            body["input"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = said });
        return ScannedParser.Parse(body, OpenAiResponsesFields.Request, options?.UnknownFields ?? UnknownFieldHandling.Drop, dottedPaths: false, ResponsesRequestParser.Parse);
    }

    public Task WriteErrorAsync(HttpContext context, GatewayError error, BulwarkInfo bulwark) => openAi.WriteErrorAsync(context, error, bulwark);

    public Task WriteCompletionAsync(HttpContext context, CompletionResult result) =>
        JsonOutput.WriteAsync(context, 200, w =>
            Shape(result.Model, result.Bulwark?.RequestId, result.Details).Write(w, result.FinishReason, result.Text, result.ToolCalls, result.PromptTokens, result.CompletionTokens, result.Details, result.Bulwark));

    public IClientStreamWriter CreateStreamWriter(HttpContext context, string model, string requestId) =>
        new ResponsesStreamWriter(context.Response, Shape(model, requestId));

    private ResponseObject Shape(string model, string? requestId, Upstreams.UpstreamDetails? details = null)
    {
        var shape = new ResponseObject("resp_" + (requestId ?? Guid.NewGuid().ToString("N")), timeProvider.GetUtcNow().ToUnixTimeSeconds(), model);
        return details is { Wire: Upstreams.Http.ResponsesWire.Name } ? shape.Adopt(details.Fields) : shape;
    }
}
