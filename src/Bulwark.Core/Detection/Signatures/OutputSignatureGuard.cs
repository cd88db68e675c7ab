using Bulwark.Core.Guards;

namespace Bulwark.Core.Detection.Signatures;

/// <summary>
/// Output guard "output_signatures": matches the <see cref="SignatureCatalog.Output"/> catalogue of
/// unmistakable harmful-answer structures against the output window and its preceding context
/// (<see cref="GuardContext.Segments"/>). On the input stage it does nothing.
/// </summary>
public sealed class OutputSignatureGuard : IGuard
{
    public const string GuardName = "output_signatures";

    private readonly IReadOnlyList<Signature> _catalog;

    public OutputSignatureGuard() : this(SignatureCatalog.Output)
    {
    }

    public OutputSignatureGuard(IReadOnlyList<Signature> catalog) => _catalog = catalog;

    public string Name => GuardName;

    public GuardStages Stages => GuardStages.Output;

    public GuardPlacement Placement => GuardPlacement.AfterNormalization;

    public bool Offload => false;

    public ValueTask WarmUpAsync(CancellationToken cancellationToken)
    {
        SignatureCatalog.WarmUp();
        return ValueTask.CompletedTask;
    }

    public ValueTask<GuardResult> InspectAsync(GuardContext context, CancellationToken cancellationToken)
    {
        if (context.Stage != GuardStage.Output) return ValueTask.FromResult(GuardResult.Clean);
        var hits = SignatureMatcher.Scan(context.Segments, _catalog, manyShot: false, cancellationToken);
        return ValueTask.FromResult(SignatureMatcher.ToResult(SignatureMatcher.Combine(hits), "harmful answer structure"));
    }
}
