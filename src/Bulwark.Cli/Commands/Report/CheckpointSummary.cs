namespace Bulwark.Cli.Commands.Report;

/// <summary>Checkpoints summarised rather than listed: how many, over which sizes, and the latest one.</summary>
internal sealed record CheckpointSummary(int Total, int CoveringPeriod, long SmallestSize, long LargestSize, long LargestGap, string LatestRoot);
