using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Upstreams;

namespace Bulwark.Gateway.Protocols.Embeddings;

/// <summary>
/// A model's embeddings upstream and its <see cref="ModelOptions.Fallbacks"/> that serve embeddings, tried in order
/// as for chat: the next one only when the one before failed with a 5xx, a timeout, an unreachable server or a 429
/// (<see cref="UpstreamFailure.AllowsFallback"/>). Every failed attempt is kept for the audit record.
/// </summary>
public sealed class EmbeddingsUpstreamChain
{
    private readonly List<(IEmbeddingsUpstream Client, string Name, string? Model)> _chain;

    private EmbeddingsUpstreamChain(List<(IEmbeddingsUpstream, string, string?)> chain) => _chain = chain;

    /// <summary>The chain for a model, or null when its own upstream does not serve embeddings.</summary>
    public static EmbeddingsUpstreamChain? For(UpstreamRegistry upstreams, ModelOptions model)
    {
        if (upstreams.Get(model.Upstream) is not IEmbeddingsUpstream primary) return null;
        var chain = new List<(IEmbeddingsUpstream, string, string?)> { (primary, model.Upstream, null) };
        foreach (var entry in model.Fallbacks)
        {
            var (name, upstreamModel) = ModelOptions.SplitFallback(entry);
            // A fallback that cannot embed (an Anthropic upstream) is no fallback for embeddings.
            if (upstreams.Get(name) is IEmbeddingsUpstream fallback) chain.Add((fallback, name, upstreamModel));
        }
        return new EmbeddingsUpstreamChain(chain);
    }

    public async Task<EmbeddingsOutcome> EmbedAsync(UpstreamCall call, CancellationToken cancellationToken)
    {
        var attempts = new List<UpstreamAttempt>();
        for (var i = 0; ; i++)
        {
            var (client, name, model) = _chain[i];
            var (answer, failure) = await client.EmbedAsync(model is null ? call : call with { UpstreamModel = model }, cancellationToken).ConfigureAwait(false);
            if (failure is null || !failure.AllowsFallback || i == _chain.Count - 1) return new EmbeddingsOutcome(answer, failure, attempts);
            attempts.Add(new UpstreamAttempt(name, failure.StatusCode, failure.Code));
        }
    }
}
