namespace Bulwark.Gateway.Auditing.Stores;

/// <summary>One stored leaf: its index, the record bytes and the stored leaf hash.</summary>
public sealed record AuditLeaf(long Index, byte[] Data, byte[] LeafHash);
