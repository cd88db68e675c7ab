namespace Bulwark.Audit.Witness;

/// <summary>One trusted witness and the POSIX time of its valid cosignature, or null when it has none.</summary>
public sealed record WitnessCosignature(string Name, string VerifierKey, long? Timestamp);
