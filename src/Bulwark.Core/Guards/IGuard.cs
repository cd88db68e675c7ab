namespace Bulwark.Core.Guards;

/// <summary>
/// One check. Implementations must be thread-safe, must not throw on bad input (return a result), and must
/// honour the cancellation token. Exceptions and timeouts are handled by the pipeline per the policy's
/// <c>OnGuardError</c> (default: Block).
/// </summary>
public interface IGuard
{
    /// <summary>Stable name used in policies, verdicts, metrics and the audit record.</summary>
    string Name { get; }

    /// <summary>Relative cost; the pipeline runs cheap guards first. 0 = trivial, 10 = model inference.</summary>
    int Cost => 1;

    ValueTask<GuardResult> InspectAsync(GuardContext context, CancellationToken cancellationToken);
}
