namespace Bulwark.Detection.Training.NGram;

/// <summary>
/// One text with a target per head (1, 0, or NaN when the head must ignore this example) and a sample weight.
/// </summary>
public sealed record TrainingExample(string Text, float[] Targets, float Weight = 1f);
