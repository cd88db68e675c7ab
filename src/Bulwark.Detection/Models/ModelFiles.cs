namespace Bulwark.Detection.Models;

/// <summary>File names of the shipped weights (in models/ and as embedded resources "Bulwark.Models.&lt;file&gt;").</summary>
public static class ModelFiles
{
    public const string InputNGram = "input_ngram.bin";
    public const string OutputNGram = "output_ngram.bin";
    public const string SemanticHeads = "semantic_heads.bin";
    public const string Trajectory = "trajectory_head.json";
    public const string OperatingPoints = "operating_points.json";
    public const string ModelCard = "MODEL_CARD.md";
    public const string ResourcePrefix = "Bulwark.Models.";
}
