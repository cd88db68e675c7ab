using Bulwark.Audit.Hashing;
using Bulwark.Audit.Tree;

namespace Bulwark.Audit.Tests.Tree;

public class CompactRangeTests
{
    [Fact]
    public void Root_Rfc6962ReferenceLeaves_MatchesPublishedRootForEverySize()
    {
        var range = new CompactRange();
        Assert.Equal(Rfc6962Vectors.Roots[0], Convert.ToHexStringLower(range.Root()));
        for (var i = 0; i < Rfc6962Vectors.Leaves.Length; i++)
        {
            range.Append(MerkleHash.Leaf(Rfc6962Vectors.Leaves[i]));
            Assert.Equal(Rfc6962Vectors.Roots[i + 1], Convert.ToHexStringLower(range.Root()));
        }
    }

    [Fact]
    public void EmptyRoot_IsSha256OfEmptyString()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(MerkleHash.EmptyRoot()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Append_RandomLeavesUpTo300_RootEqualsReferenceAtEverySize(int seed)
    {
        var rng = new Random(seed);
        var hashes = new List<byte[]>();
        var reader = new MemoryHashReader();
        for (var n = 1; n <= 300; n++)
        {
            var data = new byte[rng.Next(0, 40)];
            rng.NextBytes(data);
            var h = ReferenceTree.LeafHash(data);
            hashes.Add(h);
            reader.Append(MerkleHash.Leaf(data));
            Assert.Equal(ReferenceTree.Mth(hashes, 0, n), reader.Range.Root());
        }
    }

    [Fact]
    public async Task LoadAsync_FromStoredNodes_ContinuesWithTheSameRoots()
    {
        var reader = new MemoryHashReader();
        var hashes = Enumerable.Range(0, 77).Select(i => MerkleHash.Leaf([(byte)i, (byte)(i * 3)])).ToList();
        foreach (var h in hashes.Take(45)) reader.Append(h);
        var loaded = await CompactRange.LoadAsync(reader, 45, CancellationToken.None);
        Assert.Equal(reader.Range.Root(), loaded.Root());
        foreach (var h in hashes.Skip(45)) loaded.Append(h);
        Assert.Equal(ReferenceTree.Mth(hashes, 0, 77), loaded.Root());
    }

    [Fact]
    public void Decompose_Size13_IsEightFourOne()
    {
        Assert.Equal([new NodeId(3, 0), new NodeId(2, 2), new NodeId(0, 12)], CompactRange.Decompose(13));
    }
}
