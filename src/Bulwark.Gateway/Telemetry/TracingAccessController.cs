using Bulwark.Core.Diagnostics;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Pipeline;

namespace Bulwark.Gateway.Telemetry;

/// <summary>Wraps the access controller in an "access" span and counts denials and rate-limit hits. Tags carry codes, never keys.</summary>
public sealed class TracingAccessController(IAccessController inner, GatewayMetrics metrics) : IAccessController
{
    public string Name => inner.Name;

    public async ValueTask<AccessDecision> AuthorizeAsync(AccessRequest request, CancellationToken cancellationToken)
    {
        using var span = BulwarkDiagnostics.Source.StartActivity("access");
        var decision = await inner.AuthorizeAsync(request, cancellationToken).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            metrics.AccessDenials.Add(1, new KeyValuePair<string, object?>("code", decision.Code));
            if (decision.Code == AccessCodes.RateLimited) metrics.RateLimited.Add(1, new KeyValuePair<string, object?>("model", request.Model ?? ""));
        }
        span?.SetTag("bulwark.access.allowed", decision.Allowed).SetTag("bulwark.access.code", decision.Allowed ? null : decision.Code)
            .SetTag("bulwark.access.status", decision.StatusCode);
        return decision;
    }

    public IReadOnlyList<string> VisibleModels(AccessDecision caller, IReadOnlyCollection<string> configuredModels) => inner.VisibleModels(caller, configuredModels);

    public ValueTask RecordOutcomeAsync(AccessDecision caller, string model, int tokens, bool blocked, CancellationToken cancellationToken) =>
        inner.RecordOutcomeAsync(caller, model, tokens, blocked, cancellationToken);
}
