namespace Bulwark.RedTeam.Operators;

/// <summary>One turn of an attack conversation.</summary>
public sealed record ChatTurn(TurnKind Kind, string Text);
