namespace Bulwark.Detection.Tests;

public class DetectionOptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(257)]
    public void Validate_MaxEmbeddingBatchOutOfRange_ReportsIt(int maxBatch)
    {
        var errors = new DetectionOptions { MaxEmbeddingBatch = maxBatch }.Validate();

        Assert.Contains(errors, e => e.Contains(nameof(DetectionOptions.MaxEmbeddingBatch), StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Defaults_HaveNoErrors()
    {
        Assert.Empty(new DetectionOptions().Validate());
    }
}
