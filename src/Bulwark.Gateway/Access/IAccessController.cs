namespace Bulwark.Gateway.Access;

/// <summary>
/// Decides who may call which model. Implementations must be fast on the hot path (cached, hashed lookups,
/// constant-time comparison), fail closed when their state is stale, and never throw for a bad key.
/// </summary>
public interface IAccessController
{
    string Name { get; }

    /// <summary>Authenticates the key and, when <see cref="AccessRequest.Model"/> is set, authorises that model.</summary>
    ValueTask<AccessDecision> AuthorizeAsync(AccessRequest request, CancellationToken cancellationToken);

    /// <summary>The configured models this caller may use right now (for GET /v1/models).</summary>
    IReadOnlyList<string> VisibleModels(AccessDecision caller, IReadOnlyCollection<string> configuredModels);

    /// <summary>Usage feedback after a request, for token-based limits and repeat-offender tracking.</summary>
    ValueTask RecordOutcomeAsync(AccessDecision caller, string model, int tokens, bool blocked, CancellationToken cancellationToken);
}
