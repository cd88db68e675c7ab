using Bulwark.Audit.Notes;

namespace Bulwark.Audit.Witness;

/// <summary>Which of the trusted witnesses cosigned a checkpoint note, and whether that meets a quorum.</summary>
public sealed record CosignatureCheck(IReadOnlyList<WitnessCosignature> Witnesses, int Quorum)
{
    public int Valid => Witnesses.Count(w => w.Timestamp is not null);

    public bool QuorumMet => Valid >= Quorum;

    public static CosignatureCheck Check(string note, IReadOnlyList<WitnessVerifier> witnesses, int? quorum = null)
    {
        var q = quorum ?? witnesses.Count;
        if (!SignedNote.TryParse(note, out var parsed, out _))
            return new CosignatureCheck(witnesses.Select(w => new WitnessCosignature(w.Name, w.ToString(), null)).ToArray(), q);
        return new CosignatureCheck(witnesses.Select(w => new WitnessCosignature(w.Name, w.ToString(), w.VerifiedTimestamp(parsed!))).ToArray(), q);
    }

    public override string ToString() =>
        $"{Valid} of {Witnesses.Count} witness cosignatures valid (quorum {Quorum}): "
        + string.Join(", ", Witnesses.Select(w => w.Name + (w.Timestamp is { } t ? " ok at " + DateTimeOffset.FromUnixTimeSeconds(t).ToString("u", System.Globalization.CultureInfo.InvariantCulture) : " MISSING")));
}
