namespace Bulwark.Detection.Trajectory;

/// <summary>The JSON shape of models/trajectory_head.json.</summary>
internal sealed record TrajectoryHeadFile(float[] Coefficients, float Threshold);
