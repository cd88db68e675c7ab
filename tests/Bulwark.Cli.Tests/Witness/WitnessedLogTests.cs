using System.Text.Json.Nodes;
using Bulwark.Audit.Witness;
using Bulwark.Cli.Commands.Audit;
using Bulwark.Cli.Commands.Report;
using Bulwark.Cli.Commands.Witness;
using Bulwark.Cli.Tests.Audit;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Auditing.Stores;
using Bulwark.Gateway.Auditing.Witnesses;
using Bulwark.Testing.Witnesses;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bulwark.Cli.Tests.Witness;

public sealed class WitnessedLogTests
{
    /// <summary>A fixture log whose next checkpoint is cosigned by the given witnesses over HTTP.</summary>
    private static async Task CosignedCheckpointAsync(AuditLogFixture log, params WitnessHost[] witnesses)
    {
        await using var store = new SqliteAuditStore(log.DbPath);
        await store.AppendAsync([AuditCommand.SyntheticRecord(1000)], CancellationToken.None);
        using var http = new HttpClient();
        var clients = witnesses.Select(w => new WitnessClient(w.Signer.Name, new WitnessEndpoint { Url = w.Url, Key = w.VerifierKey }, WitnessVerifier.Parse(w.VerifierKey), http, TimeProvider.System)).ToArray();
        var cosigner = new CheckpointCosigner(clients, 0, NullLogger<CheckpointCosigner>.Instance);
        using var cp = new AuditCheckpointer(store, log.Signer, AuditLogFixture.Origin, TimeSpan.FromMinutes(1), int.MaxValue, TimeProvider.System, NullLogger<AuditCheckpointer>.Instance, cosigner);
        await cp.CheckpointAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AuditVerify_WitnessKey_PassesWhenCosignedAndFailsForAWitnessThatDidNot()
    {
        await using var log = await AuditLogFixture.CreateAsync();
        await using var w1 = await WitnessHost.StartAsync("witness.test/w1", [log.VerifierKey]);
        await using var absent = await WitnessHost.StartAsync("witness.test/w2", [log.VerifierKey]);
        await CosignedCheckpointAsync(log, w1);
        var ok = await log.AuditAsync("verify", "--store", log.StoreUri, "--key", log.VerifierKey, "--witness-key", w1.VerifierKey);
        Assert.True(ok.Exit == 0, ok.Out + ok.Err);
        Assert.Contains("WITNESSED: 1 of 1", ok.Out, StringComparison.Ordinal);
        var missing = await log.AuditAsync("verify", "--store", log.StoreUri, "--key", log.VerifierKey, "--witness-key", w1.VerifierKey, "--witness-key", absent.VerifierKey);
        Assert.Equal(1, missing.Exit);
        Assert.Contains("witness.test/w2 MISSING", missing.Out, StringComparison.Ordinal);
        var quorum = await log.AuditAsync("verify", "--store", log.StoreUri, "--key", log.VerifierKey, "--witness-key", w1.VerifierKey, "--witness-key", absent.VerifierKey, "--quorum", "1");
        Assert.Equal(0, quorum.Exit);
    }

    [Fact]
    public async Task Report_WitnessKey_StatesTheCosignaturesOnTheVerifiedTree()
    {
        await using var log = await AuditLogFixture.CreateAsync();
        await using var w1 = await WitnessHost.StartAsync("witness.test/w1", [log.VerifierKey]);
        await CosignedCheckpointAsync(log, w1);
        var file = Path.Combine(log.Dir, "r.json");
        var (exit, _, err) = await CliRun.RunAsync((o, e) => new ReportCommand(o, e, TimeProvider.System), "report", "--from", "2025-01-01T00:00:00Z",
            "--out", file, "--format", "json", "--store", log.StoreUri, "--key", log.VerifierKey, "--witness-key", w1.VerifierKey);
        Assert.True(exit == 0, err);
        var v = JsonNode.Parse(await File.ReadAllTextAsync(file))!["verification"]!;
        Assert.Equal(121, v["tree_size"]!.GetValue<long>());
        Assert.Equal(1, v["witnesses"]!["valid"]!.GetValue<int>());
        Assert.Equal("witness.test/w1", v["witnesses"]!["cosignatures"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task WitnessKeygen_PrintsAVerifierKeyMatchingTheKeyFile()
    {
        var dir = Path.Combine(Path.GetTempPath(), "bulwark-wk-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var path = Path.Combine(dir, "w.key");
            var (exit, output, err) = await CliRun.RunAsync((o, e) => new WitnessCommand(o, e), "witness", "keygen", "--name", "witness.test/w9", "--out", path);
            Assert.True(exit == 0, err);
            using var signer = WitnessSigner.Parse(await File.ReadAllTextAsync(path));
            Assert.Equal(signer.VerifierKey, output.Trim());
            Assert.True(WitnessVerifier.TryParse(output.Trim(), out _, out _));
            Assert.Equal(2, (await CliRun.RunAsync((o, e) => new WitnessCommand(o, e), "witness", "keygen", "--name", "witness.test/w9", "--out", path)).Exit);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
