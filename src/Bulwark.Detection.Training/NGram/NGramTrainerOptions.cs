namespace Bulwark.Detection.Training.NGram;

/// <summary>Hyper-parameters of <see cref="NGramTrainer"/>. Validated on construction of the trainer.</summary>
public sealed record NGramTrainerOptions
{
    public int BucketBits { get; init; } = 18;

    public int Epochs { get; init; } = 5;

    public float LearningRate { get; init; } = 0.5f;

    public float L2 { get; init; } = 1e-6f;

    public int Seed { get; init; } = 1234;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (BucketBits is < 10 or > 24) errors.Add("BucketBits must be in 10..24");
        if (Epochs is < 1 or > 100) errors.Add("Epochs must be in 1..100");
        if (!(LearningRate > 0)) errors.Add("LearningRate must be positive");
        if (L2 < 0) errors.Add("L2 must not be negative");
        return errors;
    }
}
