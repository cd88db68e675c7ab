namespace Bulwark.Gateway.Access.Admin;

/// <summary>POST /admin/directives and <c>bulwark directive issue</c>. A null <see cref="Effective"/> means now.</summary>
public sealed record IssueDirectiveRequest(string Model, IReadOnlyList<string> AllowGroups, DateTimeOffset? Effective, string Reason);
