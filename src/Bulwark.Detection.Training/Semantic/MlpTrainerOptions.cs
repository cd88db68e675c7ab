namespace Bulwark.Detection.Training.Semantic;

/// <summary>Hyper-parameters of <see cref="MlpTrainer"/>.</summary>
public sealed record MlpTrainerOptions
{
    public int Hidden { get; init; } = 64;

    public int Epochs { get; init; } = 12;

    public int BatchSize { get; init; } = 32;

    public float LearningRate { get; init; } = 2e-3f;

    public float L2 { get; init; } = 1e-4f;
}
