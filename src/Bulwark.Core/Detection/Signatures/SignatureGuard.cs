using Bulwark.Core.Guards;

namespace Bulwark.Core.Detection.Signatures;

/// <summary>
/// Input guard "signatures": matches the <see cref="SignatureCatalog.Input"/> catalogue and the many-shot
/// counter against every segment (normalised text and decoded views). A strong structure scores about 0.9 (blocks
/// under the default policy); a weak one about 0.55 (flags under the default policy, whose FlagAt is 0.45).
/// </summary>
public sealed class SignatureGuard : IGuard
{
    public const string GuardName = "signatures";
    private readonly IReadOnlyList<Signature> _catalog;

    public SignatureGuard() : this(SignatureCatalog.Input)
    {
    }

    public SignatureGuard(IReadOnlyList<Signature> catalog) => _catalog = catalog;

    public string Name => GuardName;

    public GuardStages Stages => GuardStages.Input;

    public GuardPlacement Placement => GuardPlacement.AfterNormalization;

    public bool Offload => false;

    /// <summary>Compiles and runs the catalogue's regexes once, so that the first request does not pay for it.</summary>
    public ValueTask WarmUpAsync(CancellationToken cancellationToken)
    {
        SignatureCatalog.WarmUp();
        return ValueTask.CompletedTask;
    }

    public ValueTask<GuardResult> InspectAsync(GuardContext context, CancellationToken cancellationToken)
    {
        var hits = SignatureMatcher.Scan(context.Segments, _catalog, manyShot: true, cancellationToken);
        return ValueTask.FromResult(SignatureMatcher.ToResult(SignatureMatcher.Combine(hits), "known attack structure"));
    }
}
