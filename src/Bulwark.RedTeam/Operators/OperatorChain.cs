namespace Bulwark.RedTeam.Operators;

/// <summary>Operators applied in stage order (rewrites, encodings, wrappers, structure); its name joins theirs with '+'.</summary>
public sealed class OperatorChain
{
    public const string NoneName = "none";

    public OperatorChain(IEnumerable<IAttackOperator> operators)
    {
        Operators = operators.OrderBy(o => (int)o.Stage).ToArray();
    }

    public static OperatorChain Empty { get; } = new([]);

    public IReadOnlyList<IAttackOperator> Operators { get; }

    public string Name => Operators.Count == 0 ? NoneName : string.Join('+', Operators.Select(o => o.Name));

    public AttackPayload Apply(AttackPayload payload, Random random)
    {
        foreach (var op in Operators) payload = op.Apply(payload, random);
        return payload;
    }

    public OperatorChain With(IAttackOperator op) => new(Operators.Where(o => o.Name != op.Name).Append(op));

    public OperatorChain Without(string name) => new(Operators.Where(o => o.Name != name));
}
