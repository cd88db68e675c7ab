using Bulwark.Core.Guards;

namespace Bulwark.Gateway.Pipeline;

/// <summary>
/// Tells a gateway fault from a verdict on the content: a block whose only category is <see cref="Categories.GuardError"/>
/// means a guard failed or timed out and the policy failed closed. Such a refusal is audited as the gateway's own
/// (outcome <see cref="Outcome"/>, actor "bulwark") and never counts against the caller's offender level.
/// </summary>
public static class GuardFaults
{
    public const string Outcome = "guard_error";

    public const string Actor = "bulwark";

    public static bool IsGatewayFault(Verdict? verdict) =>
        verdict is not null && verdict.Categories.Count > 0 && verdict.Categories.All(c => c == Categories.GuardError);
}
