namespace Bulwark.Gateway.Auditing.Stores;

/// <summary>A signed checkpoint as stored: the tree size it covers, the signed note text and when it was signed.</summary>
public sealed record StoredCheckpoint(long Size, string Note, DateTimeOffset Time);
