using System.Text.Json.Nodes;

namespace Bulwark.Gateway.Upstreams;

/// <summary>An upstream that serves POST /v1/embeddings. Returns the answer or a failure; never throws for upstream trouble.</summary>
public interface IEmbeddingsUpstream
{
    Task<(JsonObject? Answer, UpstreamFailure? Failure)> EmbedAsync(UpstreamCall call, CancellationToken cancellationToken);
}
