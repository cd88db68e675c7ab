using Bulwark.Gateway.Configuration;

namespace Bulwark.Gateway.Upstreams.Http;

/// <summary>
/// An "openai" upstream: Responses API calls (client protocol "responses") pass through to its /responses endpoint,
/// every other call goes to /chat/completions, and embeddings to /embeddings. Both clients share one invoker.
/// </summary>
public sealed class OpenAiUpstream(string name, UpstreamOptions options, HttpMessageInvoker invoker) : IUpstreamClient, IEmbeddingsUpstream
{
    private readonly OpenAiUpstreamClient _chat = new(name, options, invoker);
    private readonly OpenAiResponsesUpstreamClient _responses = new(name, options, invoker);

    public string Name => name;

    public string Kind => _chat.Kind;

    public IAsyncEnumerable<UpstreamEvent> StreamAsync(UpstreamCall call, CancellationToken cancellationToken) =>
        call.ClientProtocol == Protocols.Responses.ResponsesProtocol.ProtocolName ? _responses.StreamAsync(call, cancellationToken) : _chat.StreamAsync(call, cancellationToken);

    public Task<(System.Text.Json.Nodes.JsonObject? Answer, UpstreamFailure? Failure)> EmbedAsync(UpstreamCall call, CancellationToken cancellationToken) =>
        _chat.EmbedAsync(call, cancellationToken);
}
