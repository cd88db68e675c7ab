using Bulwark.Core.Access;

namespace Bulwark.Core.Tests.Access;

public sealed class ApiKeyFormatTests
{
    [Fact]
    public void Generate_NewKey_HasPrefixIdAndSecretAndMatchesItsHash()
    {
        var k = ApiKeyFormat.Generate();
        Assert.StartsWith("bwk_" + k.Id + "_", k.Key, StringComparison.Ordinal);
        Assert.Equal(ApiKeyFormat.KeyLength, k.Key.Length);
        Assert.True(ApiKeyFormat.IsValidId(k.Id));
        Assert.True(ApiKeyFormat.TryParseId(k.Key, out var id));
        Assert.Equal(k.Id, id.ToString());
        Assert.True(ApiKeyFormat.Matches(k.Key, k.Hash));
        Assert.DoesNotContain(k.Key, k.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_TwoKeys_DifferInIdSecretAndHash()
    {
        var a = ApiKeyFormat.Generate();
        var b = ApiKeyFormat.Generate();
        Assert.NotEqual(a.Key, b.Key);
        Assert.NotEqual(a.Hash, b.Hash);
        Assert.False(ApiKeyFormat.Matches(a.Key, b.Hash));
    }

    [Fact]
    public void Matches_OneCharacterChanged_IsFalse()
    {
        var k = ApiKeyFormat.Generate();
        var chars = k.Key.ToCharArray();
        chars[^1] = chars[^1] == 'A' ? 'B' : 'A';
        Assert.False(ApiKeyFormat.Matches(new string(chars), k.Hash));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sk-proj-abc")]
    [InlineData("bwk_")]
    [InlineData("bwk_ABCDEFGH_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("bwk_abcdefgh-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("bwk_abcdefgh_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("bwk_abcdefgh_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")]
    public void TryParseId_Malformed_IsFalse(string presented)
    {
        Assert.False(ApiKeyFormat.TryParseId(presented, out _));
    }

    [Fact]
    public void ComputeHash_VeryLongInput_DoesNotThrow()
    {
        var hash = ApiKeyFormat.Hash(new string('x', 100_000));
        Assert.Equal(32, hash.Length);
    }
}
