using Bulwark.Gateway.Access;

namespace Bulwark.Testing.Auditing;

/// <summary>A fixed key table standing in for the access engineer's controller: admin, auditor, and plain user keys.</summary>
public sealed class KeyTableAccessController : IAccessController
{
    public string Name => "key-table";

    public ValueTask<AccessDecision> AuthorizeAsync(AccessRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(request.PresentedKey switch
    {
        "admin-key" => new AccessDecision { Allowed = true, IsAdmin = true },
        "auditor-key" => new AccessDecision { Allowed = true, IsAuditor = true },
        "user-key" => new AccessDecision { Allowed = true },
        _ => AccessDecision.Deny(401, "invalid_key", "unknown key"),
    });

    public IReadOnlyList<string> VisibleModels(AccessDecision caller, IReadOnlyCollection<string> configuredModels) => [];

    public ValueTask RecordOutcomeAsync(AccessDecision caller, string model, int tokens, bool blocked, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
