using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Protocols;

/// <summary>One client-facing API (OpenAI chat completions, Anthropic messages): parse requests, write answers and errors.</summary>
public interface IClientProtocol
{
    /// <summary>"openai" or "anthropic".</summary>
    string Name { get; }

    ParseOutcome Parse(JsonObject body);

    Task WriteErrorAsync(HttpContext context, GatewayError error, BulwarkInfo bulwark);

    Task WriteCompletionAsync(HttpContext context, CompletionResult result);

    IClientStreamWriter CreateStreamWriter(HttpContext context, string model, string requestId);
}
