namespace Bulwark.Gateway.Auditing;

/// <summary>One guard's outcome inside an <see cref="AuditVerdict"/>.</summary>
public sealed record AuditGuard(string Name, string Action, double Score, IReadOnlyList<string> Categories, string? Error);
