using System.Net;
using System.Net.Http.Headers;
using Bulwark.Audit.Notes;
using Bulwark.Audit.Witness;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Auditing.Witnesses;
using Bulwark.Gateway.Tests.Access;
using Bulwark.Testing.Witnesses;
using Microsoft.Extensions.DependencyInjection;

namespace Bulwark.Gateway.Tests.Auditing.Witnesses;

public sealed class WitnessCosigningTests : IDisposable
{
    private const string Origin = "bulwark.local/audit";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bulwark-wlog-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly NoteSigner _log = NoteSigner.Generate(Origin);

    public WitnessCosigningTests()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(KeyPath, _log.ExportSignerKey());
    }

    private string KeyPath => Path.Combine(_dir, "audit-signing.key");

    private Dictionary<string, string?> Config(WitnessHost witness, int quorum) => new()
    {
        ["Bulwark:Audit:SigningKeyPath"] = KeyPath,
        ["Bulwark:Audit:Witnesses:w1:Url"] = witness.Url,
        ["Bulwark:Audit:Witnesses:w1:Key"] = witness.VerifierKey,
        ["Bulwark:Audit:WitnessQuorum"] = quorum.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static async Task<(HttpStatusCode Status, string Body)> CheckpointNoteAsync(GatewayTestServer gw)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/audit/checkpoint");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gw.AdminKey);
        using var response = await gw.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Checkpoint_WithAWitness_IsPublishedWithItsCosignatureAndAdvancesByConsistencyProofs()
    {
        await using var witness = await WitnessHost.StartAsync("witness.test/w1", [_log.VerifierKey]);
        await using var gw = await GatewayTestServer.StartAsync(Config(witness, 1));
        var checkpointer = gw.App.Services.GetRequiredService<AuditCheckpointer>();
        var verifier = WitnessVerifier.Parse(witness.VerifierKey);
        for (var round = 0; round < 2; round++)
        {
            await gw.CreateKeyAsync("alice" + round);
            var stored = await checkpointer.CheckpointAsync(CancellationToken.None);
            var (status, note) = await CheckpointNoteAsync(gw);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(stored.Note, note);
            Assert.True(SignedNote.TryParse(note, out var parsed, out _));
            Assert.True(parsed!.IsSignedBy(NoteVerifier.Parse(_log.VerifierKey)));
            Assert.True(CosignatureCheck.Check(note, [verifier]).QuorumMet, note);
            Assert.Contains($"\"size\":{stored.Size}", await File.ReadAllTextAsync(witness.StatePath), StringComparison.Ordinal);
        }
        var status2 = checkpointer.Cosigner!.Witnesses[0].Status;
        Assert.Null(status2.LastError);
        Assert.NotNull(status2.LastCosigned);
    }

    [Fact]
    public async Task Checkpoint_WitnessThatCosignedAForkedHistory_RefusesAndNothingIsPublished()
    {
        var otherRoot = System.Security.Cryptography.SHA256.HashData("a different history"u8);
        await using var witness = await WitnessHost.StartAsync("witness.test/w1", [_log.VerifierKey], (Origin, new WitnessedTree(1, otherRoot)));
        await using var gw = await GatewayTestServer.StartAsync(Config(witness, 1));
        await gw.CreateKeyAsync("bob");
        await gw.CreateKeyAsync("carol");
        var checkpointer = gw.App.Services.GetRequiredService<AuditCheckpointer>();
        await Assert.ThrowsAsync<WitnessQuorumException>(() => checkpointer.CheckpointAsync(CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, (await CheckpointNoteAsync(gw)).Status);
        Assert.Contains("422", checkpointer.Cosigner!.Witnesses[0].Status.LastError, StringComparison.Ordinal);
        Assert.Contains("\"size\":1", await File.ReadAllTextAsync(witness.StatePath), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _log.Dispose();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
