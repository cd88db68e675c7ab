using System.Text.Json.Nodes;
using Bulwark.Core.Conversations;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Protocols.OpenAi;
using Bulwark.Gateway.Protocols.Scanning;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Protocols.Embeddings;

/// <summary>
/// POST /v1/embeddings: every input string is one user part of the conversation the input guards scan; the walked
/// body is forwarded and the upstream's answer returned as it came. Errors have the OpenAI error shape. There is
/// no generated answer to write, so this is a request protocol only (no completions, no streams).
/// </summary>
public sealed class EmbeddingsProtocol(OpenAiProtocol openAi, BulwarkOptions? options = null) : IRequestProtocol
{
    public string Name => "embeddings";

    public ParseOutcome Parse(JsonObject body)
    {
        var walk = RequestWalker.Walk(body, OpenAiEmbeddingsFields.Request, options?.UnknownFields ?? UnknownFieldHandling.Drop, dottedPaths: false, "");
        if (!walk.Ok) return walk.Error;
        if (!JsonFields.TryString(body["model"], out var model) || model.Length == 0)
            return new RequestError("missing_model", "'model' is required and must be a non-empty string", "model");
        var inputs = body["input"] switch
        {
            JsonValue v when JsonFields.TryString(v, out var one) => [one],
            JsonArray many when many.Count > 0 => many.Select(JsonFields.StringOrNull).OfType<string>().ToList(),
            _ => new List<string>(),
        };
        if (inputs.Count == 0)
            return new RequestError("missing_input", "'input' is required: a string or a non-empty array of strings", "input");
        var conversation = new Conversation(model, [new ConversationMessage(MessageRole.User, inputs.Select(ContentPart.FromText).ToList())]);
        return new ParsedRequest(conversation, body) { Scanned = walk.Scanned with { Model = model } };
    }

    public Task WriteErrorAsync(HttpContext context, GatewayError error, BulwarkInfo bulwark) => openAi.WriteErrorAsync(context, error, bulwark);
}
