using Bulwark.Core.Guards;

namespace Bulwark.Gateway.Tests.Pipeline;

/// <summary>A guard that always fails, standing in for a guard error or timeout (the pipeline treats both alike).</summary>
public sealed class FailingGuard(string name) : IGuard
{
    public string Name => name;

    public GuardStages Stages => GuardStages.Both;

    public GuardPlacement Placement => GuardPlacement.AfterNormalization;

    public bool Offload => false;

    public ValueTask WarmUpAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<GuardResult> InspectAsync(GuardContext context, CancellationToken cancellationToken) =>
        throw new TimeoutException("the guard did not answer in time");
}
