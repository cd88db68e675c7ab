namespace Bulwark.Audit.Export;

/// <summary>One record of a log under verification; <see cref="StoredLeafHash"/> is the stored hash when the source has one (a hint, not trusted).</summary>
public sealed record LogEntry(long Index, byte[] Data, byte[]? StoredLeafHash = null);
