using System.Text.Json;
using Bulwark.Cli;
using Bulwark.Cli.Commands.Audit;

namespace Bulwark.Cli.Tests.Audit;

public class AuditCommandTests
{
    [Fact]
    public async Task ExportThenVerifyExport_UntouchedLog_IsValid()
    {
        await using var f = await AuditLogFixture.CreateAsync();
        var file = Path.Combine(f.Dir, "export.jsonl");
        var (exit, _, err) = await f.AuditAsync("export", "--store", f.StoreUri, "--out", file);
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("exported 120 records and 3 checkpoints", err, StringComparison.Ordinal);
        var verify = await f.AuditAsync("verify", "--export", file, "--key", f.VerifierKey);
        Assert.Equal(ExitCodes.Success, verify.Exit);
        Assert.StartsWith("VALID", verify.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyExport_RecordEditedInTheFile_NamesTheIndex()
    {
        await using var f = await AuditLogFixture.CreateAsync();
        var file = Path.Combine(f.Dir, "export.jsonl");
        await f.AuditAsync("export", "--store", f.StoreUri, "--out", file);
        var lines = await File.ReadAllLinesAsync(file);
        // header + 3 checkpoints, then record 0..119: record 57 is line 4 + 57.
        using (var doc = JsonDocument.Parse(lines[4 + 57]))
        {
            var data = doc.RootElement.GetProperty("data").GetBytesFromBase64();
            data[5] ^= 0x10;
            lines[4 + 57] = $"{{\"type\":\"record\",\"index\":57,\"data\":\"{Convert.ToBase64String(data)}\"}}";
        }
        await File.WriteAllLinesAsync(file, lines);
        var (exit, output, _) = await f.AuditAsync("verify", "--export", file, "--key", f.VerifierKey);
        Assert.Equal(ExitCodes.CheckFailed, exit);
        Assert.Contains("RootMismatch", output, StringComparison.Ordinal);
        Assert.Contains("first bad index at or after 50", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyExport_CorruptedFiles_AreReportedWithoutCrashing()
    {
        await using var f = await AuditLogFixture.CreateAsync();
        var file = Path.Combine(f.Dir, "export.jsonl");
        await f.AuditAsync("export", "--store", f.StoreUri, "--out", file);
        var lines = await File.ReadAllLinesAsync(file);

        var garbage = Path.Combine(f.Dir, "garbage.jsonl");
        await File.WriteAllTextAsync(garbage, "this is not an export\n");
        var r1 = await f.AuditAsync("verify", "--export", garbage, "--key", f.VerifierKey);
        Assert.Equal(ExitCodes.BadUsage, r1.Exit);
        Assert.Contains("not a readable audit export", r1.Err, StringComparison.Ordinal);

        var broken = Path.Combine(f.Dir, "broken.jsonl");
        lines[30] = lines[30][..(lines[30].Length / 2)];
        await File.WriteAllLinesAsync(broken, lines);
        var r2 = await f.AuditAsync("verify", "--export", broken, "--key", f.VerifierKey);
        Assert.Equal(ExitCodes.CheckFailed, r2.Exit);
        Assert.Contains("MalformedInput", r2.Out, StringComparison.Ordinal);

        var missing = await f.AuditAsync("verify", "--export", Path.Combine(f.Dir, "nope.jsonl"), "--key", f.VerifierKey);
        Assert.Equal(ExitCodes.BadUsage, missing.Exit);
    }

    [Fact]
    public async Task Verify_BadUsage_ExitsTwo()
    {
        await using var f = await AuditLogFixture.CreateAsync(records: 3, 3);
        Assert.Equal(ExitCodes.BadUsage, (await f.AuditAsync("verify", "--store", f.StoreUri, "--key", "not-a-key")).Exit);
        Assert.Equal(ExitCodes.BadUsage, (await f.AuditAsync("verify", "--store", f.StoreUri)).Exit);
        Assert.Equal(ExitCodes.BadUsage, (await f.AuditAsync("verify", "--store", "sqlite://" + Path.Combine(f.Dir, "missing.db"), "--key", f.VerifierKey)).Exit);
        Assert.Equal(ExitCodes.BadUsage, (await f.AuditAsync("verify", "--store", f.StoreUri, "--gateway", "http://127.0.0.1:1", "--key", f.VerifierKey)).Exit);
    }

    [Fact]
    public async Task Verify_EmptyLogWithoutCheckpoint_FailsWithAClearReason()
    {
        var dir = Path.Combine(Path.GetTempPath(), "bulwark-empty-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var db = Path.Combine(dir, "bulwark.db");
        await using (var store = new Bulwark.Gateway.Auditing.Stores.SqliteAuditStore(db)) await store.InitializeAsync(CancellationToken.None);
        using var signer = Bulwark.Audit.Notes.NoteSigner.Generate("x");
        var (exit, output, _) = await CliRun.RunAsync((o, e) => new AuditCommand(o, e), "audit", "verify", "--store", "sqlite://" + db, "--key", signer.VerifierKey);
        Assert.Equal(ExitCodes.CheckFailed, exit);
        Assert.Contains("no signed checkpoint", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prove_RecordInCheckpointedTree_PrintsAProofThatVerifies()
    {
        await using var f = await AuditLogFixture.CreateAsync();
        var (exit, output, _) = await f.AuditAsync("prove", "--store", f.StoreUri, "--index", "77", "--key", f.VerifierKey);
        Assert.Equal(ExitCodes.Success, exit);
        using var doc = JsonDocument.Parse(output);
        Assert.True(doc.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(120, doc.RootElement.GetProperty("size").GetInt64());
        Assert.Equal(7, doc.RootElement.GetProperty("proof").GetArrayLength());
        Assert.Equal(ExitCodes.BadUsage, (await f.AuditAsync("prove", "--store", f.StoreUri, "--index", "120")).Exit);
        Assert.Equal(ExitCodes.BadUsage, (await f.AuditAsync("prove", "--store", f.StoreUri, "--index", "3", "--size", "7")).Exit);
    }

    [Fact]
    public async Task KeygenKeyCheckpoint_LocalStore_SignsWithTheGeneratedKey()
    {
        await using var f = await AuditLogFixture.CreateAsync(records: 10, 10);
        var keyFile = Path.Combine(f.Dir, "signing.key");
        var gen = await f.AuditAsync("keygen", "--out", keyFile, "--name", "keygen.test");
        Assert.Equal(ExitCodes.Success, gen.Exit);
        Assert.StartsWith("keygen.test+", gen.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadUsage, (await f.AuditAsync("keygen", "--out", keyFile)).Exit);
        var key = await f.AuditAsync("key", "--signing-key", keyFile);
        Assert.Equal(gen.Out.Trim(), key.Out.Trim());

        await using (var store = new Bulwark.Gateway.Auditing.Stores.SqliteAuditStore(f.DbPath))
            await store.AppendAsync([new byte[] { 42 }], CancellationToken.None);
        var cp = await f.AuditAsync("checkpoint", "--store", f.StoreUri, "--signing-key", keyFile);
        Assert.Equal(ExitCodes.Success, cp.Exit);
        Assert.StartsWith(AuditLogFixture.Origin + "\n11\n", cp.Out, StringComparison.Ordinal);
        Assert.Contains("\u2014 keygen.test ", cp.Out, StringComparison.Ordinal);
    }
}
