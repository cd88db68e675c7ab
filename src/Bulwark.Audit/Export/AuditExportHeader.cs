namespace Bulwark.Audit.Export;

/// <summary>The first line of an export: what log it is, the key its operator says signs it (informational only: verify with a key you trust), and counts.</summary>
public sealed record AuditExportHeader(string Origin, string VerifierKey, long Size, int Checkpoints, DateTimeOffset Exported);
