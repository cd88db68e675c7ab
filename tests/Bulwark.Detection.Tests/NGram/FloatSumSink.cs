using Bulwark.Detection.NGram;

namespace Bulwark.Detection.Tests.NGram;

/// <summary>The reference scoring: every feature's signed weight added to a float sum per head, in visiting order.</summary>
internal struct FloatSumSink(sbyte[] weights, int heads) : IFeatureSink
{
    public float[] Sums = new float[heads];

    public readonly void Add(int bucket, float sign)
    {
        for (var h = 0; h < heads; h++) Sums[h] += sign * weights[bucket * heads + h];
    }
}
