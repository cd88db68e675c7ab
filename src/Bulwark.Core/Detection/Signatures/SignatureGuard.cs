using Bulwark.Core.Guards;

namespace Bulwark.Core.Detection.Signatures;

/// <summary>
/// Input guard "signatures" (cost 2): matches the <see cref="SignatureCatalog.Input"/> catalogue and the many-shot
/// counter against every segment (normalised text and decoded views). A strong structure scores about 0.9 (blocks
/// under the default policy); a weak one about 0.55. Because a policy has one threshold per category, a hit below the
/// category's blocking threshold is surfaced as a Flag when it is at least <see cref="FlagFloor"/> and the policy
/// does not allow the category outright.
/// </summary>
public sealed class SignatureGuard : IGuard
{
    public const string GuardName = "signatures";
    public const double FlagFloor = 0.45;

    private readonly IReadOnlyList<Signature> _catalog;

    public SignatureGuard() : this(SignatureCatalog.Input)
    {
    }

    public SignatureGuard(IReadOnlyList<Signature> catalog) => _catalog = catalog;

    public string Name => GuardName;

    public int Cost => 2;

    public ValueTask<GuardResult> InspectAsync(GuardContext context, CancellationToken cancellationToken)
    {
        var hits = SignatureMatcher.Scan(context.Segments, _catalog, manyShot: true, cancellationToken);
        return ValueTask.FromResult(WeakHits.ToResult(SignatureMatcher.Combine(hits), context, FlagFloor, "known attack structure"));
    }
}
