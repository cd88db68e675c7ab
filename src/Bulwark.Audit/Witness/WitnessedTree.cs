namespace Bulwark.Audit.Witness;

/// <summary>The latest checkpoint a witness cosigned for one origin: its size and root hash.</summary>
public sealed record WitnessedTree(long Size, byte[] RootHash);
