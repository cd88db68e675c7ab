namespace Bulwark.RedTeam.Running;

public static class AttemptKind
{
    public const string Attack = "attack";
    public const string Benign = "benign";
}
