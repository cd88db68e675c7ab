namespace Bulwark.Detection.NGram;

/// <summary>Collects features into a reusable list (training only).</summary>
internal struct CollectingSink(List<(int Bucket, float Sign)> features) : IFeatureSink
{
    public readonly void Add(int bucket, float sign) => features.Add((bucket, sign));
}
