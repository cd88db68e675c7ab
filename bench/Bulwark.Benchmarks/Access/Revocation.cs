namespace Bulwark.Benchmarks.Access;

/// <summary>One measured revocation: when node A acknowledged it and when each other node first refused the key (ms from the revoke call).</summary>
internal sealed record Revocation(double AcknowledgedMs, IReadOnlyList<NodeObservation> Nodes);
