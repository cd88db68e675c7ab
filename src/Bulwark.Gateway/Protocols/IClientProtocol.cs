using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Protocols;

/// <summary>A client-facing API whose answers the gateway writes (OpenAI chat completions, Responses, Anthropic messages): whole and streamed.</summary>
public interface IClientProtocol : IRequestProtocol
{
    Task WriteCompletionAsync(HttpContext context, CompletionResult result);

    IClientStreamWriter CreateStreamWriter(HttpContext context, string model, string requestId);
}
