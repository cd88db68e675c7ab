namespace Bulwark.Gateway.Access.Admin;

/// <summary>
/// Who orders an admin action (a principal id, or "cli:&lt;user&gt;" for direct-store CLI use) and the request id the
/// audit record carries. <see cref="RequireAudit"/> false only for the bootstrap key when no audit log is configured.
/// </summary>
public sealed record AdminActor(string Actor, string RequestId, bool RequireAudit = true);
