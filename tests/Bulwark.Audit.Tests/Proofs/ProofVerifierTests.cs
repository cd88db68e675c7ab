using Bulwark.Audit.Hashing;
using Bulwark.Audit.Proofs;
using Bulwark.Audit.Tests.Tree;
using Bulwark.Audit.Tree;

namespace Bulwark.Audit.Tests.Proofs;

public class ProofVerifierTests
{
    private static byte[] Hex(string s) => Convert.FromHexString(s);

    private static MemoryHashReader ReferenceReader()
    {
        var reader = new MemoryHashReader();
        foreach (var leaf in Rfc6962Vectors.Leaves) reader.Append(MerkleHash.Leaf(leaf));
        return reader;
    }

    [Fact]
    public async Task InclusionProofAsync_Rfc6962Vectors_MatchPublishedProofsAndVerify()
    {
        var reader = ReferenceReader();
        foreach (var (index, size, proof) in Rfc6962Vectors.Inclusion)
        {
            var built = await ProofBuilder.InclusionProofAsync(reader, index, size, CancellationToken.None);
            Assert.Equal(proof, built.Select(Convert.ToHexStringLower));
            var leaf = MerkleHash.Leaf(Rfc6962Vectors.Leaves[index]);
            Assert.True(ProofVerifier.VerifyInclusion(leaf, index, size, proof.Select(Hex).ToArray(), Hex(Rfc6962Vectors.Roots[size])).Valid);
        }
    }

    [Fact]
    public async Task ConsistencyProofAsync_Rfc6962Vectors_MatchPublishedProofsAndVerify()
    {
        var reader = ReferenceReader();
        foreach (var (size1, size2, proof) in Rfc6962Vectors.Consistency)
        {
            var built = await ProofBuilder.ConsistencyProofAsync(reader, size1, size2, CancellationToken.None);
            Assert.Equal(proof, built.Select(Convert.ToHexStringLower));
            var check = ProofVerifier.VerifyConsistency(size1, size2, Hex(Rfc6962Vectors.Roots[size1]), Hex(Rfc6962Vectors.Roots[size2]), proof.Select(Hex).ToArray());
            Assert.True(check.Valid, check.Reason);
        }
    }

    [Theory]
    [InlineData(11, 70)]
    [InlineData(12, 130)]
    [InlineData(13, 300)]
    public async Task Proofs_RandomTrees_EqualReferenceAndVerify(int seed, int maxSize)
    {
        var rng = new Random(seed);
        var reader = new MemoryHashReader();
        var hashes = new List<byte[]>();
        for (var i = 0; i < maxSize; i++)
        {
            var data = new byte[rng.Next(1, 24)];
            rng.NextBytes(data);
            hashes.Add(MerkleHash.Leaf(data));
            reader.Append(hashes[^1]);
        }
        for (var trial = 0; trial < 150; trial++)
        {
            var size = rng.Next(1, maxSize + 1);
            var index = rng.Next(0, size);
            var root = ReferenceTree.Mth(hashes, 0, size);
            Assert.Equal(root, await ProofBuilder.RootAsync(reader, size, CancellationToken.None));
            var proof = await ProofBuilder.InclusionProofAsync(reader, index, size, CancellationToken.None);
            Assert.Equal(ReferenceTree.Path(hashes, index, 0, size), proof);
            Assert.True(ProofVerifier.VerifyInclusion(hashes[index], index, size, proof, root).Valid);

            var size1 = rng.Next(1, size + 1);
            var root1 = ReferenceTree.Mth(hashes, 0, size1);
            var consistency = await ProofBuilder.ConsistencyProofAsync(reader, size1, size, CancellationToken.None);
            Assert.Equal(ReferenceTree.Consistency(hashes, size1, size), consistency);
            var check = ProofVerifier.VerifyConsistency(size1, size, root1, root, consistency);
            Assert.True(check.Valid, $"{size1}->{size}: {check.Reason}");
        }
    }

    [Fact]
    public async Task VerifyInclusion_EveryLeafOfSmallTrees_OnlyTheTrueStatementVerifies()
    {
        var reader = new MemoryHashReader();
        var hashes = Enumerable.Range(0, 20).Select(i => MerkleHash.Leaf([(byte)i])).ToArray();
        foreach (var h in hashes) reader.Append(h);
        for (var size = 1; size <= 20; size++)
        {
            var root = await ProofBuilder.RootAsync(reader, size, CancellationToken.None);
            for (var index = 0; index < size; index++)
            {
                var proof = await ProofBuilder.InclusionProofAsync(reader, index, size, CancellationToken.None);
                Assert.True(ProofVerifier.VerifyInclusion(hashes[index], index, size, proof, root).Valid);
                if (size > 1)
                {
                    Assert.False(ProofVerifier.VerifyInclusion(hashes[index], (index + 1) % size, size, proof, root).Valid);
                    Assert.False(ProofVerifier.VerifyInclusion(hashes[(index + 1) % size], index, size, proof, root).Valid);
                }
                Assert.False(ProofVerifier.VerifyInclusion(hashes[index], index, size, proof, hashes[index] == root ? new byte[32] : hashes[index]).Valid);
                Assert.False(ProofVerifier.VerifyInclusion(hashes[index], size, size, proof, root).Valid);
                for (var p = 0; p < proof.Count; p++)
                {
                    var flipped = proof.Select(x => (byte[])x.Clone()).ToArray();
                    flipped[p][p % 32] ^= 0x01;
                    Assert.False(ProofVerifier.VerifyInclusion(hashes[index], index, size, flipped, root).Valid);
                }
                Assert.False(ProofVerifier.VerifyInclusion(hashes[index], index, size, [.. proof, new byte[32]], root).Valid);
                if (proof.Count > 0) Assert.False(ProofVerifier.VerifyInclusion(hashes[index], index, size, proof.Take(proof.Count - 1).ToArray(), root).Valid);
            }
        }
    }

    [Fact]
    public async Task VerifyConsistency_TamperedProofsOrRoots_Fail()
    {
        var reader = new MemoryHashReader();
        for (var i = 0; i < 40; i++) reader.Append(MerkleHash.Leaf([(byte)i, 1]));
        for (var size2 = 2; size2 <= 40; size2++)
        {
            var root2 = await ProofBuilder.RootAsync(reader, size2, CancellationToken.None);
            for (var size1 = 1; size1 < size2; size1++)
            {
                var root1 = await ProofBuilder.RootAsync(reader, size1, CancellationToken.None);
                var proof = await ProofBuilder.ConsistencyProofAsync(reader, size1, size2, CancellationToken.None);
                Assert.True(ProofVerifier.VerifyConsistency(size1, size2, root1, root2, proof).Valid);
                Assert.False(ProofVerifier.VerifyConsistency(size1, size2, root2, root1, proof).Valid);
                Assert.False(ProofVerifier.VerifyConsistency(size1 + 1 == size2 ? size1 - 1 : size1 + 1, size2, root1, root2, proof).Valid);
                for (var p = 0; p < proof.Count; p++)
                {
                    var flipped = proof.Select(x => (byte[])x.Clone()).ToArray();
                    flipped[p][31] ^= 0x80;
                    Assert.False(ProofVerifier.VerifyConsistency(size1, size2, root1, root2, flipped).Valid);
                }
                Assert.False(ProofVerifier.VerifyConsistency(size1, size2, root1, root2, [.. proof, root2]).Valid);
            }
        }
    }

    [Fact]
    public void Verify_MalformedInput_ReturnsFailureWithoutThrowing()
    {
        var h = MerkleHash.Leaf([1]);
        Assert.False(ProofVerifier.VerifyInclusion(h, -1, 4, [], h).Valid);
        Assert.False(ProofVerifier.VerifyInclusion(h, 4, 4, [], h).Valid);
        Assert.False(ProofVerifier.VerifyInclusion(h.AsSpan(0, 31), 0, 1, [], h).Valid);
        Assert.False(ProofVerifier.VerifyInclusion(h, 0, 2, [new byte[5]], h).Valid);
        Assert.False(ProofVerifier.VerifyConsistency(5, 3, h, h, []).Valid);
        Assert.False(ProofVerifier.VerifyConsistency(3, 5, h, h, []).Valid);
        Assert.False(ProofVerifier.VerifyConsistency(-1, 5, h, h, []).Valid);
        Assert.True(ProofVerifier.VerifyInclusion(h, 0, 1, [], h).Valid);
        Assert.True(ProofVerifier.VerifyConsistency(0, 7, MerkleHash.EmptyRoot(), h, []).Valid);
    }

    [Fact]
    public void RootFromLeaves_Rfc6962Leaves_MatchesPublishedRoot()
    {
        Assert.Equal(Rfc6962Vectors.Roots[8], Convert.ToHexStringLower(ProofVerifier.RootFromLeaves(Rfc6962Vectors.Leaves)));
    }
}
