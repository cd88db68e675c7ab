using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Protocols;

/// <summary>
/// What every client-facing API has: a name, a request parser and errors in its own shape. An API whose answers the
/// gateway writes (completions, streams) is an <see cref="IClientProtocol"/>; one whose answer is forwarded as it
/// came (embeddings) is only this.
/// </summary>
public interface IRequestProtocol
{
    /// <summary>"openai", "anthropic", "responses" or "embeddings": in audit records and metrics.</summary>
    string Name { get; }

    ParseOutcome Parse(JsonObject body);

    Task WriteErrorAsync(HttpContext context, GatewayError error, BulwarkInfo bulwark);
}
