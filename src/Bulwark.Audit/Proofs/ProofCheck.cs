namespace Bulwark.Audit.Proofs;

/// <summary>The outcome of a proof check: valid, or the reason it is not. Never thrown.</summary>
public readonly record struct ProofCheck(bool Valid, string Reason)
{
    public static readonly ProofCheck Ok = new(true, "");

    public static ProofCheck Fail(string reason) => new(false, reason);
}
