namespace Bulwark.Detection.Training;

/// <summary>For one source and label: rows, and the share flagged (recall for harmful labels, false-positive rate for benign ones).</summary>
public sealed record SourceRate(string Stage, string Source, string Label, int Rows, double FlaggedRate);
