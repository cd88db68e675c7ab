namespace Bulwark.Gateway.Access.Admin;

/// <summary>POST /admin/keys and <c>bulwark keys create</c>.</summary>
public sealed record CreateKeyRequest(
    string Principal,
    IReadOnlyList<string> Groups,
    IReadOnlyList<string> Models,
    bool IsAdmin,
    bool IsAuditor,
    DateTimeOffset? Expires,
    string? Policy = null);
