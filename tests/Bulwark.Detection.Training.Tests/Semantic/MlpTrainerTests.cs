using Bulwark.Detection.Semantic;
using Bulwark.Detection.Training.Semantic;

namespace Bulwark.Detection.Training.Tests.Semantic;

public class MlpTrainerTests
{
    private static float[] RandomVector(Random rng, int n, float scale = 1f) =>
        Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * scale).ToArray();

    /// <summary>Every analytic gradient entry against a central finite difference of the loss (double-checked in float).</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void LossAndGradients_MatchFiniteDifferences(int seed)
    {
        const int input = 6, hidden = 5, outputs = 3;
        var rng = new Random(seed);
        var net = MlpTrainer.Initialise(input, hidden, outputs, seed);
        // Biases away from zero so that no pre-activation sits on the ReLU kink.
        for (var j = 0; j < hidden; j++) net.B1[j] = (float)(rng.NextDouble() * 0.6 + 0.2) * (j % 2 == 0 ? 1 : -1);
        var x = RandomVector(rng, input);
        float[] target = [1f, 0f, float.NaN];
        var balance = new[] { 1.5f, 0.7f, 2f, 0.5f, 1f, 1f };
        const float weight = 0.8f, l2 = 0.01f;
        var grads = new[] { new float[hidden * input], new float[hidden], new float[outputs * hidden], new float[outputs] };
        MlpTrainer.LossAndGradients(net, x, target, weight, balance, l2, grads);
        var parameters = new[] { net.W1, net.B1, net.W2, net.B2 };
        var scratch = new[] { new float[hidden * input], new float[hidden], new float[outputs * hidden], new float[outputs] };
        const float h = 1e-3f;
        var checkedEntries = 0;
        for (var p = 0; p < parameters.Length; p++)
        {
            for (var j = 0; j < parameters[p].Length; j++)
            {
                var keep = parameters[p][j];
                parameters[p][j] = keep + h;
                var plus = MlpTrainer.LossAndGradients(net, x, target, weight, balance, l2, scratch);
                parameters[p][j] = keep - h;
                var minus = MlpTrainer.LossAndGradients(net, x, target, weight, balance, l2, scratch);
                parameters[p][j] = keep;
                var numeric = (plus - minus) / (2 * h);
                Assert.True(Math.Abs(numeric - grads[p][j]) <= 2e-3 + 2e-2 * Math.Abs(numeric),
                    $"parameter block {p} entry {j}: analytic {grads[p][j]} vs numeric {numeric}");
                checkedEntries++;
            }
        }
        Assert.Equal(hidden * input + hidden + outputs * hidden + outputs, checkedEntries);
        // The NaN target's head gets no gradient except weight decay.
        for (var j = 0; j < hidden; j++) Assert.Equal(l2 * net.W2[2 * hidden + j], grads[2][2 * hidden + j], 6);
    }

    [Fact]
    public void Train_SameSeedAndData_GiveIdenticalWeights()
    {
        var (x, t, w) = Toy(400, 3);
        var a = MlpTrainer.Train(x, t, w, 42, new MlpTrainerOptions { Hidden = 8, Epochs = 3 });
        var b = MlpTrainer.Train(x, t, w, 42, new MlpTrainerOptions { Hidden = 8, Epochs = 3 });
        Assert.Equal(Bytes(a), Bytes(b));
        var c = MlpTrainer.Train(x, t, w, 43, new MlpTrainerOptions { Hidden = 8, Epochs = 3 });
        Assert.NotEqual(Bytes(a), Bytes(c));
    }

    [Fact]
    public void Train_NonLinearTarget_LearnsWhatALinearHeadCannot()
    {
        // XOR of the signs of two coordinates: no single logistic head separates it; a hidden layer does.
        var (x, t, w) = Toy(2000, 11);
        var net = MlpTrainer.Train(x, t, w, 5, new MlpTrainerOptions { Hidden = 16, Epochs = 40, LearningRate = 1e-2f });
        var correct = 0;
        Span<float> p = stackalloc float[1];
        for (var i = 0; i < x.Length; i++)
        {
            net.Forward(x[i], p);
            if ((p[0] >= 0.5f) == (t[i][0] >= 0.5f)) correct++;
        }
        Assert.True(correct > 0.9 * x.Length, $"{correct} of {x.Length}");
    }

    private static (float[][] X, float[][] T, float[] W) Toy(int n, int seed)
    {
        var rng = new Random(seed);
        var x = Enumerable.Range(0, n).Select(_ => RandomVector(rng, 4)).ToArray();
        var t = x.Select(v => new[] { (v[0] > 0) ^ (v[1] > 0) ? 1f : 0f }).ToArray();
        return (x, t, Enumerable.Repeat(1f, n).ToArray());
    }

    private static byte[] Bytes(MlpHead net)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true)) net.Write(w);
        return ms.ToArray();
    }
}
