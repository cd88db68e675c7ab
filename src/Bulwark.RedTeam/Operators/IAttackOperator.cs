namespace Bulwark.RedTeam.Operators;

/// <summary>
/// One attack transformation with a <see cref="Name"/>. Operators compose (<see cref="OperatorChain"/>): each one
/// rewrites the payload it is given and returns a new one; none has state, and randomness comes from the caller.
/// </summary>
public interface IAttackOperator
{
    string Name { get; }

    OperatorStage Stage { get; }

    AttackPayload Apply(AttackPayload payload, Random random);
}
