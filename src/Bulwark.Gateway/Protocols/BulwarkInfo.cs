namespace Bulwark.Gateway.Protocols;

/// <summary>The "bulwark" block of an error or refusal: the request id, why, and the audit receipt.</summary>
public sealed record BulwarkInfo(string RequestId, IReadOnlyList<string> Categories, long? AuditIndex, string? Reason = null, IReadOnlyList<string>? Rules = null);
