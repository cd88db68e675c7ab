namespace Bulwark.Audit.Witness;

/// <summary>Durable per-origin state of a witness: the latest cosigned tree. Writes must be persisted before they return.</summary>
public interface IWitnessStateStore
{
    WitnessedTree? Get(string origin);

    void Set(string origin, WitnessedTree tree);
}
