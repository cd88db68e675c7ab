namespace Bulwark.Detection.Training.Semantic;

/// <summary>Per-example buffers of <see cref="MlpTrainer"/>: pre-activations, activations and their gradients.</summary>
internal sealed class MlpScratch(int hidden, int outputs)
{
    public readonly float[] A = new float[hidden];
    public readonly float[] H = new float[hidden];
    public readonly float[] Dh = new float[hidden];
    public readonly float[] Dz = new float[outputs];
}
