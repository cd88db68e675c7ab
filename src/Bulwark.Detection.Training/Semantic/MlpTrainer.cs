using Bulwark.Detection.Semantic;

namespace Bulwark.Detection.Training.Semantic;

/// <summary>
/// Trains an <see cref="MlpHead"/> with hand-written backpropagation and Adam, seeded and single-threaded (same seed and
/// data give the same weights). The loss of one example is Σ_k c_k·BCE(p_k, t_k) over the heads whose target is not NaN,
/// with c_k the example weight times the head's class-balance factor, plus ½·λ·‖W‖² on the weight matrices.
/// <see cref="LossAndGradients"/> is public so that tests can check it against finite differences.
/// </summary>
public static class MlpTrainer
{
    /// <param name="targets">Per example, per head: 1, 0 or NaN (ignored).</param>
    public static MlpHead Train(IReadOnlyList<float[]> embeddings, IReadOnlyList<float[]> targets, IReadOnlyList<float> weights, int seed,
        MlpTrainerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MlpTrainerOptions();
        var n = embeddings.Count;
        var d = n > 0 ? embeddings[0].Length : 384;
        var k = targets.Count > 0 ? targets[0].Length : 1;
        var balance = BalanceFactors(targets, weights, k);
        var net = Initialise(d, options.Hidden, k, seed);
        var parameters = new[] { net.W1, net.B1, net.W2, net.B2 };
        var grads = parameters.Select(p => new float[p.Length]).ToArray();
        var m = parameters.Select(p => new float[p.Length]).ToArray();
        var v = parameters.Select(p => new float[p.Length]).ToArray();
        var scratch = new MlpScratch(options.Hidden, k);
        var order = Enumerable.Range(0, n).ToArray();
        var rng = new Random(seed);
        var step = 0;
        const float beta1 = 0.9f, beta2 = 0.999f, eps = 1e-8f;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            for (var start = 0; start < n; start += options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var g in grads) Array.Clear(g);
                var end = Math.Min(n, start + options.BatchSize);
                for (var b = start; b < end; b++)
                {
                    var i = order[b];
                    Accumulate(net, embeddings[i], targets[i], weights[i], balance, grads, scratch);
                }
                var scale = 1f / (end - start);
                step++;
                var c1 = 1f - MathF.Pow(beta1, step);
                var c2 = 1f - MathF.Pow(beta2, step);
                for (var p = 0; p < parameters.Length; p++)
                {
                    var w = parameters[p];
                    var g = grads[p];
                    var decay = p is 0 or 2 ? options.L2 : 0f;
                    for (var j = 0; j < w.Length; j++)
                    {
                        var gj = g[j] * scale + decay * w[j];
                        m[p][j] = beta1 * m[p][j] + (1 - beta1) * gj;
                        v[p][j] = beta2 * v[p][j] + (1 - beta2) * gj * gj;
                        w[j] -= options.LearningRate * (m[p][j] / c1) / (MathF.Sqrt(v[p][j] / c2) + eps);
                    }
                }
            }
        }
        return net;
    }

    /// <summary>
    /// The loss of one example (plus ½·λ·‖W1‖² + ½·λ·‖W2‖²) and its gradients with respect to W1, b1, W2, b2, written
    /// into <paramref name="gradients"/> (four arrays shaped like the network's; overwritten).
    /// </summary>
    public static double LossAndGradients(MlpHead net, float[] x, float[] target, float weight, float[] balance, float l2, float[][] gradients)
    {
        foreach (var g in gradients) Array.Clear(g);
        var loss = Accumulate(net, x, target, weight, balance, gradients, new MlpScratch(net.Hidden, net.Outputs));
        for (var p = 0; p < 4; p += 2)
        {
            var w = p == 0 ? net.W1 : net.W2;
            for (var j = 0; j < w.Length; j++)
            {
                loss += 0.5 * l2 * w[j] * w[j];
                gradients[p][j] += l2 * w[j];
            }
        }
        return loss;
    }

    /// <summary>Forward pass, loss, and backward pass of one example: adds its gradients to <paramref name="grads"/>.</summary>
    private static double Accumulate(MlpHead net, float[] x, float[] target, float weight, float[] balance, float[][] grads, MlpScratch s)
    {
        int d = net.Input, hidden = net.Hidden;
        // Forward: a = W1 x + b1, h = relu(a), z = W2 h + b2, p = σ(z).
        for (var j = 0; j < hidden; j++)
        {
            s.A[j] = net.B1[j] + System.Numerics.Tensors.TensorPrimitives.Dot(net.W1.AsSpan(j * d, d), x.AsSpan(0, d));
            s.H[j] = s.A[j] > 0 ? s.A[j] : 0;
        }
        var loss = 0.0;
        var any = false;
        for (var k = 0; k < net.Outputs; k++)
        {
            var t = target[k];
            if (float.IsNaN(t)) { s.Dz[k] = 0; continue; }
            any = true;
            var z = net.Logit(k, s.H);
            var c = weight * (t >= 0.5f ? balance[2 * k] : balance[2 * k + 1]);
            // BCE with logits, computed stably: log(1 + e^z) - t·z.
            loss += c * (Math.Max(z, 0) - t * z + Math.Log(1 + Math.Exp(-Math.Abs(z))));
            var p = 1f / (1f + MathF.Exp(-z));
            s.Dz[k] = c * (p - t);
        }
        if (!any) return 0;
        // Backward: dW2 = dz hᵀ, db2 = dz, dh = W2ᵀ dz, da = dh ⊙ 1[a > 0], dW1 = da xᵀ, db1 = da.
        Array.Clear(s.Dh);
        for (var k = 0; k < net.Outputs; k++)
        {
            var dz = s.Dz[k];
            if (dz == 0) continue;
            grads[3][k] += dz;
            var row = k * hidden;
            for (var j = 0; j < hidden; j++)
            {
                grads[2][row + j] += dz * s.H[j];
                s.Dh[j] += dz * net.W2[row + j];
            }
        }
        for (var j = 0; j < hidden; j++)
        {
            if (s.A[j] <= 0) continue;
            var da = s.Dh[j];
            grads[1][j] += da;
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(x.AsSpan(0, d), da, grads[0].AsSpan(j * d, d), grads[0].AsSpan(j * d, d));
        }
        return loss;
    }

    /// <summary>Per head, the weights of positive and negative examples that balance the two classes (interleaved pos, neg).</summary>
    public static float[] BalanceFactors(IReadOnlyList<float[]> targets, IReadOnlyList<float> weights, int heads)
    {
        var pos = new double[heads];
        var neg = new double[heads];
        for (var i = 0; i < targets.Count; i++)
        {
            for (var k = 0; k < heads; k++)
            {
                var t = targets[i][k];
                if (float.IsNaN(t)) continue;
                if (t >= 0.5f) pos[k] += weights[i]; else neg[k] += weights[i];
            }
        }
        var f = new float[2 * heads];
        for (var k = 0; k < heads; k++)
        {
            var total = pos[k] + neg[k];
            f[2 * k] = pos[k] > 0 ? (float)(total / (2 * pos[k])) : 0;
            f[2 * k + 1] = neg[k] > 0 ? (float)(total / (2 * neg[k])) : 0;
        }
        return f;
    }

    /// <summary>He-initialised first layer, small second layer, zero biases, from a seeded generator.</summary>
    public static MlpHead Initialise(int input, int hidden, int outputs, int seed)
    {
        var rng = new Random(seed ^ 0x5EED);
        float Gaussian(double sd) => (float)(sd * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
        var w1 = new float[hidden * input];
        for (var i = 0; i < w1.Length; i++) w1[i] = Gaussian(Math.Sqrt(2.0 / input));
        var w2 = new float[outputs * hidden];
        for (var i = 0; i < w2.Length; i++) w2[i] = Gaussian(Math.Sqrt(1.0 / hidden));
        return new MlpHead(input, hidden, outputs, w1, new float[hidden], w2, new float[outputs]);
    }
}
