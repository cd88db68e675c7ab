using System.Text.Json.Nodes;
using Bulwark.Gateway.Upstreams;

namespace Bulwark.Gateway.Protocols.Embeddings;

/// <summary>The answer of the upstream that served an embeddings call, or the last failure, and the failed attempts before it.</summary>
public sealed record EmbeddingsOutcome(JsonObject? Answer, UpstreamFailure? Failure, IReadOnlyList<UpstreamAttempt> Attempts);
