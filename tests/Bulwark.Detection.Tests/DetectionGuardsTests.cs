using Bulwark.Detection.Semantic;
using Bulwark.Detection.Tests.Semantic;
using Bulwark.Testing.Detection;

namespace Bulwark.Detection.Tests;

public class DetectionGuardsTests
{
    [Fact]
    public void Batched_DefaultOptions_WrapsTheEncoderInABatchingEmbedder()
    {
        var inner = new FakeEmbedder();

        var embedder = DetectionGuards.Batched(inner, new DetectionOptions());

        var batching = Assert.IsType<BatchingSentenceEmbedder>(embedder);
        Assert.Same(inner, batching.Inner);
        Assert.Equal(new DetectionOptions().MaxEmbeddingBatch, batching.MaxBatchTexts);
        Assert.Equal(inner.Name, embedder.Name);
    }

    [Fact]
    public void Batched_MaxEmbeddingBatchOne_ReturnsTheEncoderItself()
    {
        var inner = new FakeEmbedder();

        Assert.Same(inner, DetectionGuards.Batched(inner, new DetectionOptions { MaxEmbeddingBatch = 1 }));
    }
}
