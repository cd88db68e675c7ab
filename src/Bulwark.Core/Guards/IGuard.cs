namespace Bulwark.Core.Guards;

/// <summary>
/// One check, registered with <c>services.AddBulwarkGuard&lt;T&gt;()</c>. Implementations must be thread-safe, must not
/// throw on bad input (return a result), and must honour the cancellation token. A guard reports findings (category and
/// score); the policy alone turns them into an action. Exceptions and timeouts are handled by the pipeline per the
/// policy's <c>OnGuardError</c> (default: Block).
/// </summary>
public interface IGuard
{
    /// <summary>Stable name used in policies, verdicts, metrics and the audit record.</summary>
    string Name { get; }

    /// <summary>The stages the guard applies to when a policy adds it by name.</summary>
    GuardStages Stages { get; }

    /// <summary>Whether it runs on the raw request or on the normalised segments.</summary>
    GuardPlacement Placement { get; }

    /// <summary>
    /// True for guards whose work is heavy and synchronous (model inference): the pipeline runs them on the thread pool
    /// so that the guard timeout also bounds that work (see <see cref="GuardPipeline"/>'s fast path).
    /// </summary>
    bool Offload { get; }

    /// <summary>Loads what the guard needs (weights, sessions, connections) before the first request. Called once at start-up.</summary>
    ValueTask WarmUpAsync(CancellationToken cancellationToken);

    ValueTask<GuardResult> InspectAsync(GuardContext context, CancellationToken cancellationToken);
}
