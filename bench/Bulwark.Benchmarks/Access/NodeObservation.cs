namespace Bulwark.Benchmarks.Access;

/// <summary>The first answer of the awaited kind from one node: when (ms on the revocation's clock) and how many other answers came before it.</summary>
internal sealed record NodeObservation(string Node, double Ms, int Unexpected);
