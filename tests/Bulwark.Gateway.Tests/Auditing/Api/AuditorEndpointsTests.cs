using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Bulwark.Audit.Hashing;
using Bulwark.Audit.Notes;
using Bulwark.Audit.Proofs;
using Bulwark.Gateway.Auditing.Api;
using Bulwark.Testing.Auditing;

namespace Bulwark.Gateway.Tests.Auditing.Api;

public sealed class AuditorEndpointsTests : IAsyncLifetime
{
    private AuditorHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await AuditorHost.StartAsync("auditor.test/log");
        _http = new HttpClient { BaseAddress = new Uri(_host.Url) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "auditor-key");
    }

    private Task AppendAsync(int count) => _host.AppendAndCheckpointAsync(Enumerable.Range(0, count).Select(Record));

    private static byte[] Record(int i) => System.Text.Encoding.UTF8.GetBytes($"{{\"n\":{i}}}");

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Auth_NoKeyUserKeyAuditorKeyAdminKey_Are401_403_200_200()
    {
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };
        using var r1 = await anonymous.GetAsync("/audit/key");
        Assert.Equal(HttpStatusCode.Unauthorized, r1.StatusCode);
        Assert.Equal("authentication_error", JsonDocument.Parse(await r1.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("type").GetString());

        using var user = new HttpRequestMessage(HttpMethod.Get, "/audit/key");
        user.Headers.Add("x-api-key", "user-key");
        using var r2 = await anonymous.SendAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, r2.StatusCode);
        Assert.Equal("permission_error", JsonDocument.Parse(await r2.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("type").GetString());

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/audit/key");
        wrong.Headers.Add("x-api-key", "nope");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(wrong)).StatusCode);

        using var admin = new HttpRequestMessage(HttpMethod.Get, "/audit/key");
        admin.Headers.Add("x-api-key", "admin-key");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(admin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/audit/key")).StatusCode);
    }

    [Fact]
    public async Task KeyCheckpointAndInclusionProof_VerifyWithTheServedKey()
    {
        await AppendAsync(37);
        var key = NoteVerifier.Parse((await _http.GetStringAsync("/audit/key")).Trim());
        var note = await _http.GetStringAsync("/audit/checkpoint");
        Assert.True(Checkpoint.TryOpen(note, key, "auditor.test/log", out var cp, out var error), error);
        Assert.Equal(37, cp!.Size);

        var (status, records) = await GetJsonAsync("/audit/records?from=0&count=1000");
        Assert.Equal(HttpStatusCode.OK, status);
        var data = records.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("data").GetBytesFromBase64()).ToArray();
        Assert.Equal(37, data.Length);
        Assert.Equal(cp.RootHash, ProofVerifier.RootFromLeaves(data));

        var (s2, proof) = await GetJsonAsync("/audit/proof/inclusion?index=21&size=37");
        Assert.Equal(HttpStatusCode.OK, s2);
        var path = proof.GetProperty("proof").EnumerateArray().Select(p => p.GetBytesFromBase64()).ToArray();
        Assert.True(ProofVerifier.VerifyInclusion(MerkleHash.Leaf(data[21]), 21, 37, path, cp.RootHash).Valid);

        var root20 = ProofVerifier.RootFromLeaves(data.Take(20));
        var (s3, consistency) = await GetJsonAsync("/audit/proof/consistency?from=20&to=37");
        Assert.Equal(HttpStatusCode.OK, s3);
        Assert.True(ProofVerifier.VerifyConsistency(20, 37, root20, cp.RootHash, consistency.GetProperty("proof").EnumerateArray().Select(p => p.GetBytesFromBase64()).ToArray()).Valid);

        var (s4, checkpoints) = await GetJsonAsync("/audit/checkpoints");
        Assert.Equal(HttpStatusCode.OK, s4);
        Assert.Equal(2, checkpoints.GetProperty("checkpoints").GetArrayLength());
    }

    [Theory]
    [InlineData("/audit/records?from=-1")]
    [InlineData("/audit/records?from=abc")]
    [InlineData("/audit/records?count=0")]
    [InlineData("/audit/records?count=5000")]
    [InlineData("/audit/records?from=99")]
    [InlineData("/audit/proof/inclusion?index=5&size=5")]
    [InlineData("/audit/proof/inclusion?index=1&size=6")]
    [InlineData("/audit/proof/inclusion")]
    [InlineData("/audit/proof/inclusion?index=1e3")]
    [InlineData("/audit/proof/consistency?from=4&to=2")]
    [InlineData("/audit/proof/consistency?from=1&to=9")]
    [InlineData("/audit/proof/consistency?from=1")]
    public async Task BadInput_Is400WithAJsonError(string path)
    {
        await AppendAsync(5);
        var (status, body) = await GetJsonAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Proofs_EmptyLog_Are400()
    {
        var (status, body) = await GetJsonAsync("/audit/proof/inclusion?index=0&size=1");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("empty", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetJsonAsync("/audit/proof/consistency?from=0&to=0")).Status);
        // The empty tree still has a signed checkpoint (size 0).
        Assert.StartsWith("auditor.test/log\n0\n", await _http.GetStringAsync("/audit/checkpoint"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tiles_FullPartialAndEntries_FollowTlogTiles()
    {
        await AppendAsync(300);
        var (_, records) = await GetJsonAsync("/audit/records?from=0&count=1000");
        var data = records.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("data").GetBytesFromBase64()).ToArray();
        var leafHashes = data.Select(d => MerkleHash.Leaf(d)).ToArray();

        var full = await _http.GetByteArrayAsync("/audit/tile/0/000");
        Assert.Equal(256 * 32, full.Length);
        Assert.Equal(leafHashes.Take(256).SelectMany(h => h), full);

        var partial = await _http.GetByteArrayAsync("/audit/tile/0/001.p/44");
        Assert.Equal(leafHashes.Skip(256).SelectMany(h => h), partial);

        var level1 = await _http.GetByteArrayAsync("/audit/tile/1/000.p/1");
        Assert.Equal(ProofVerifier.RootFromLeafHashes(leafHashes.Take(256)), level1);

        var bundle = await _http.GetByteArrayAsync("/audit/tile/entries/000");
        var entries = new List<byte[]>();
        for (var pos = 0; pos < bundle.Length;)
        {
            var len = BinaryPrimitives.ReadUInt16BigEndian(bundle.AsSpan(pos));
            entries.Add(bundle.AsSpan(pos + 2, len).ToArray());
            pos += 2 + len;
        }
        Assert.Equal(data.Take(256), entries);

        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/audit/tile/0/001")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/audit/tile/0/001.p/45")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/audit/tile/0/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/audit/tile/x/000")).StatusCode);
    }

    [Theory]
    [InlineData("0/000", false, 0, 0L, 256)]
    [InlineData("2/x001/x234/067.p/8", false, 2, 1234067L, 8)]
    [InlineData("entries/x001/002", true, 0, 1002L, 256)]
    public void TilePath_Parse_RoundTrips(string path, bool entries, int level, long index, int width)
    {
        Assert.True(TilePath.TryParse(path, out var tile));
        Assert.Equal(new TilePath(entries, level, index, width), tile);
        Assert.Equal(path, tile!.ToString());
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Theory]
    [InlineData("entries/x072/x057/x594/x037/x927/936")] // 2^56: index × 256 wraps to 0
    [InlineData("0/x072/x057/x594/x037/x927/936")]
    [InlineData("1/x000/x281/x474/x976/710/656")] // 2^48 at level 1: 2^48 × 256^2 wraps
    [InlineData("8/000")]
    public async Task Tile_IndexOrLevelOutOfRange_404NotAnotherTile(string path)
    {
        await AppendAsync(TilePath.FullWidth);
        using var tile0 = await _http.GetAsync("audit/tile/entries/000");
        Assert.Equal(HttpStatusCode.OK, tile0.StatusCode);
        using var response = await _http.GetAsync("audit/tile/" + path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.CacheControl?.MaxAge);
    }
}
