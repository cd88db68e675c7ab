namespace Bulwark.Detection.NGram;

/// <summary>Receives hashed features from <see cref="NGramFeaturizer"/>.</summary>
public interface IFeatureSink
{
    void Add(int bucket, float sign);
}
