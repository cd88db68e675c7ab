namespace Bulwark.Gateway.Upstreams;

/// <summary>
/// A model server. Streams its answer as <see cref="UpstreamEvent"/>s; never throws for upstream trouble: it ends
/// with an <see cref="UpstreamFailure"/> instead. Cancelling the token stops the upstream request.
/// </summary>
public interface IUpstreamClient
{
    string Name { get; }

    /// <summary>"openai", "anthropic" or "simulated".</summary>
    string Kind { get; }

    IAsyncEnumerable<UpstreamEvent> StreamAsync(UpstreamCall call, CancellationToken cancellationToken);
}
