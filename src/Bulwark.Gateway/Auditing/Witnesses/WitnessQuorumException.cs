namespace Bulwark.Gateway.Auditing.Witnesses;

/// <summary>A checkpoint was not published because fewer witnesses than the quorum cosigned it.</summary>
public sealed class WitnessQuorumException(string message) : Exception(message);
