namespace Bulwark.Benchmarks.Access;

/// <summary>
/// One measured revocation, in ms from the start of the revoke call: when node A acknowledged it, when its version
/// message reached a subscriber of the bus (null if none came), and when each other node first refused the key.
/// </summary>
internal sealed record Revocation(double AcknowledgedMs, double? BusMs, IReadOnlyList<NodeObservation> Nodes);
