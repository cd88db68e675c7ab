namespace Bulwark.Gateway.Access.Admin;

/// <summary>POST /admin/principals: create or update a principal's groups, tier and per-minute limit overrides.</summary>
public sealed record UpsertPrincipalRequest(string Id, IReadOnlyList<string> Groups, string? Tier, int? RequestsPerMinute, int? TokensPerMinute);
