namespace Bulwark.Detection.NGram;

/// <summary>Accumulates the dot product of the hashed features with every head's quantised weights.</summary>
internal struct ScoringSink(sbyte[] weights, int heads) : IFeatureSink
{
    public HeadScores Sums;

    public void Add(int bucket, float sign)
    {
        var offset = bucket * heads;
        for (var h = 0; h < heads; h++) Sums[h] += sign * weights[offset + h];
    }
}
