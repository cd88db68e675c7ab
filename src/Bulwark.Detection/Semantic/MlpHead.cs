using Bulwark.Detection.NGram;

namespace Bulwark.Detection.Semantic;

/// <summary>
/// A one-hidden-layer network over a sentence embedding, shared by all heads: h = relu(W1·x + b1), p_k = σ(W2_k·h + b2_k).
/// Trained by <c>MlpTrainer</c> in Bulwark.Detection.Training (hand-written backpropagation). Immutable and thread-safe; scoring allocates
/// nothing beyond a stack buffer of the hidden width.
/// </summary>
public sealed class MlpHead
{
    public const int MaxHidden = 512;

    public MlpHead(int input, int hidden, int outputs, float[] w1, float[] b1, float[] w2, float[] b2)
    {
        if (input < 1 || hidden is < 1 or > MaxHidden || outputs < 1) throw new ArgumentOutOfRangeException(nameof(hidden), "bad network shape");
        if (w1.Length != hidden * input || b1.Length != hidden || w2.Length != outputs * hidden || b2.Length != outputs)
            throw new ArgumentException("parameter arrays do not match the network shape");
        Input = input;
        Hidden = hidden;
        Outputs = outputs;
        W1 = w1;
        B1 = b1;
        W2 = w2;
        B2 = b2;
    }

    public int Input { get; }

    public int Hidden { get; }

    public int Outputs { get; }

    /// <summary>Row-major [hidden × input].</summary>
    internal float[] W1 { get; }

    internal float[] B1 { get; }

    /// <summary>Row-major [outputs × hidden].</summary>
    internal float[] W2 { get; }

    internal float[] B2 { get; }

    /// <summary>Raw probabilities of every output for one embedding.</summary>
    public void Forward(ReadOnlySpan<float> x, Span<float> probabilities)
    {
        Span<float> h = stackalloc float[Hidden];
        HiddenLayer(x, h);
        for (var k = 0; k < Outputs; k++) probabilities[k] = HashedNGramModel.Sigmoid(Logit(k, h));
    }

    internal void HiddenLayer(ReadOnlySpan<float> x, Span<float> h)
    {
        for (var j = 0; j < Hidden; j++)
        {
            var a = B1[j] + System.Numerics.Tensors.TensorPrimitives.Dot(W1.AsSpan(j * Input, Input), x[..Input]);
            // Written so that a NaN pre-activation stays NaN (a ReLU written as a > 0 ? a : 0 would turn a broken
            // embedding into a silent zero): the scorer then refuses the non-finite score and the guard fails closed.
            h[j] = a < 0 ? 0 : a;
        }
    }

    internal float Logit(int k, ReadOnlySpan<float> h) => B2[k] + System.Numerics.Tensors.TensorPrimitives.Dot(W2.AsSpan(k * Hidden, Hidden), h);

    public void Write(BinaryWriter w)
    {
        w.Write(Input);
        w.Write(Hidden);
        w.Write(Outputs);
        foreach (var a in new[] { W1, B1, W2, B2 })
        {
            foreach (var v in a) w.Write(v);
        }
    }

    public static MlpHead Read(BinaryReader r)
    {
        var input = r.ReadInt32();
        var hidden = r.ReadInt32();
        var outputs = r.ReadInt32();
        if (input is < 1 or > 4096 || hidden is < 1 or > MaxHidden || outputs is < 1 or > 64) throw new InvalidDataException("bad MLP shape");
        float[] Read(int n)
        {
            var a = new float[n];
            for (var i = 0; i < n; i++) a[i] = r.ReadSingle();
            return a;
        }
        return new MlpHead(input, hidden, outputs, Read(hidden * input), Read(hidden), Read(outputs * hidden), Read(outputs));
    }
}
