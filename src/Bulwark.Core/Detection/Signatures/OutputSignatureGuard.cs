using Bulwark.Core.Guards;

namespace Bulwark.Core.Detection.Signatures;

/// <summary>
/// Output guard "output_signatures" (cost 2): matches the <see cref="SignatureCatalog.Output"/> catalogue of
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

    public int Cost => 2;

    public ValueTask<GuardResult> InspectAsync(GuardContext context, CancellationToken cancellationToken)
    {
        if (context.Stage != GuardStage.Output) return ValueTask.FromResult(GuardResult.Clean);
        var hits = SignatureMatcher.Scan(context.Segments, _catalog, manyShot: false, cancellationToken);
        return ValueTask.FromResult(WeakHits.ToResult(SignatureMatcher.Combine(hits), context, SignatureGuard.FlagFloor, "harmful answer structure"));
    }
}
