using System.Runtime.CompilerServices;

namespace Bulwark.Gateway.Upstreams;

/// <summary>
/// A model's upstream and its ordered fallbacks: each is tried in turn while the one before failed before
/// answering with a 5xx, a timeout, an unreachable server or a 429 (<see cref="UpstreamFailure.AllowsFallback"/>).
/// Every failed attempt is reported as an <see cref="UpstreamAttempt"/> event, so it lands in the audit record.
/// Once an upstream has sent anything else, its answer is final: nothing is retried mid-answer.
/// </summary>
public sealed class FallbackUpstreamClient(IReadOnlyList<(IUpstreamClient Client, string? Model)> chain) : IUpstreamClient
{
    public string Name => chain[0].Client.Name;

    public string Kind => chain[0].Client.Kind;

    public async IAsyncEnumerable<UpstreamEvent> StreamAsync(UpstreamCall call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 0; i < chain.Count; i++)
        {
            var (client, model) = chain[i];
            var attempt = model is null ? call : call with { UpstreamModel = model };
            var answered = false;
            await foreach (var e in client.StreamAsync(attempt, cancellationToken).ConfigureAwait(false))
            {
                if (!answered && e is UpstreamFailure failure && failure.AllowsFallback && i < chain.Count - 1)
                {
                    yield return new UpstreamAttempt(client.Name, failure.StatusCode, failure.Code);
                    break;
                }
                answered = true;
                yield return e;
            }
            if (answered) yield break;
        }
    }
}
