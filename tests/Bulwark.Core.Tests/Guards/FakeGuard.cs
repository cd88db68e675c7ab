using Bulwark.Core.Guards;

namespace Bulwark.Core.Tests.Guards;

/// <summary>
/// A guard whose behaviour the test supplies; records the order in which guards ran. <c>cost</c> 0 places it before
/// normalisation, 5 or more offloads it (the two settings the old cost used to imply).
/// </summary>
internal sealed class FakeGuard(string name, int cost, Func<GuardContext, CancellationToken, ValueTask<GuardResult>> inspect, List<string>? log = null) : IGuard
{
    public string Name => name;

    public GuardStages Stages => GuardStages.Both;

    public GuardPlacement Placement => cost <= 0 ? GuardPlacement.BeforeNormalization : GuardPlacement.AfterNormalization;

    public bool Offload => cost >= 5;

    public int WarmUps { get; private set; }

    public ValueTask WarmUpAsync(CancellationToken cancellationToken)
    {
        WarmUps++;
        return ValueTask.CompletedTask;
    }

    public int Calls { get; private set; }

    public GuardContext? LastContext { get; private set; }

    public ValueTask<GuardResult> InspectAsync(GuardContext context, CancellationToken cancellationToken)
    {
        Calls++;
        LastContext = context;
        lock (log ?? new List<string>()) log?.Add(name);
        return inspect(context, cancellationToken);
    }

    public static FakeGuard Returning(string name, int cost, GuardResult result, List<string>? log = null) =>
        new(name, cost, (_, _) => ValueTask.FromResult(result), log);
}
