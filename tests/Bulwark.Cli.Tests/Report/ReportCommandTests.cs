using System.Text.Json;
using System.Text.Json.Nodes;
using Bulwark.Audit.Notes;
using Bulwark.Cli.Commands.Report;
using Bulwark.Cli.Tests.Audit;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Auditing.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bulwark.Cli.Tests.Report;

public sealed class ReportCommandTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bulwark-report-" + Guid.NewGuid().ToString("N")[..8]);

    private readonly NoteSigner _signer = NoteSigner.Generate("report.test");

    private string Db => Path.Combine(_dir, "bulwark.db");

    private string SigningKeyFile => Path.Combine(_dir, "audit-signing.key");

    private static AuditRecord Request(int minute, string outcome, string principal, string[] groups, string model = "gpt-4o", AuditVerdict? input = null, string? reason = null, (string Name, string Hash)? policy = null) => new()
    {
        Kind = "request", Time = T0.AddMinutes(minute), RequestId = $"r{minute}", Principal = principal, Groups = groups, Model = model,
        Outcome = outcome, Status = outcome == "served" ? 200 : 400, Input = input, Reason = reason, PolicyName = policy?.Name, PolicyHash = policy?.Hash,
    };

    private static AuditRecord Offender(int minute, string action, string principal) => new()
    {
        Kind = "offender", Time = T0.AddMinutes(minute), RequestId = $"o{minute}", Principal = principal, Actor = "bulwark", Action = action, Target = principal, Outcome = "ok",
    };

    private static AuditRecord Admin(int minute, string action, string target, JsonObject? details = null) => new()
    {
        Kind = "admin", Time = T0.AddMinutes(minute), RequestId = $"a{minute}", Outcome = "ok", Actor = "ops", Action = action, Target = target, Details = details,
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        var block = new AuditVerdict("block", 0.97, ["jailbreak"], ["BW-JB-010"], []);
        var records = new List<AuditRecord>
        {
            Request(1, "served", "alice", ["research"]),
            Request(2, "blocked_input", "mallory", ["sales"], input: block),
            Request(3, "denied", "bob", ["sales"], reason: "revoked"),
            Admin(4, "key.revoke", "key_bob"),
            Admin(5, "directive.issue", "gpt-4o", new JsonObject { ["directive_id"] = "dir_1", ["model"] = "gpt-4o", ["allow_groups"] = new JsonArray("research"), ["effective"] = T0.AddMinutes(10).ToString("O"), ["reason"] = "EU AI Act review" }),
            Request(8, "served", "carol", ["sales"]),                // before the directive is effective: fine
            Request(12, "served", "alice", ["research"]),            // allowed group: fine
            Request(13, "served", "carol", ["sales"]),               // violation
            Request(14, "served", "carol", ["sales"], model: "bulwark-sim"), // other model: fine
            Admin(20, "directive.lift", "gpt-4o", new JsonObject { ["directive_id"] = "dir_1", ["model"] = "gpt-4o" }),
            Offender(20, "principal.throttle", "mallory"),
            Request(21, "denied", "mallory", ["sales"], reason: "rate_limited"),
            Request(22, "served", "alice", ["research"], policy: ("default", "sha256:abc")),
            Request(21, "served", "carol", ["sales"]),               // after lift: fine
            Admin(22, "killswitch.on", "gpt-4o"),
            Request(60 * 24 * 3, "served", "dave", ["x"]),           // outside the period
        };
        await using var store = new SqliteAuditStore(Db);
        await store.InitializeAsync(CancellationToken.None);
        await store.AppendAsync(records.Select(r => (ReadOnlyMemory<byte>)r.ToCanonicalBytes()).ToArray(), CancellationToken.None);
        await File.WriteAllTextAsync(SigningKeyFile, _signer.ExportSignerKey());
        using var cp = new AuditCheckpointer(store, _signer, "report.test", TimeSpan.FromMinutes(1), int.MaxValue, new FixedTime(T0.AddMinutes(30)), NullLogger<AuditCheckpointer>.Instance);
        await cp.CheckpointAsync(CancellationToken.None);
    }

    private Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) =>
        CliRun.RunAsync((o, e) => new ReportCommand(o, e, new FixedTime(T0.AddDays(1))), ["report", .. args]);

    private Task<(int Exit, string Out, string Err)> ReportAsync(string file, params string[] extra) =>
        RunAsync(["--from", "2026-11-02T00:00:00Z", "--to", "2026-11-03T00:00:00Z", "--out", file, "--key", _signer.VerifierKey, .. extra]);

    [Fact]
    public async Task Report_Json_CountsBlocksDenialsAdminActionsAndDirectiveViolations()
    {
        var file = Path.Combine(_dir, "r.json");
        var (exit, output, err) = await ReportAsync(file, "--format", "json", "--store", "sqlite://" + Db);
        Assert.True(exit == 0, err);
        Assert.Contains("1 directives (1 violations)", output, StringComparison.Ordinal);
        var r = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        Assert.True(r["verification"]!["valid"]!.GetValue<bool>());
        Assert.Equal(16, r["verification"]!["tree_size"]!.GetValue<long>());
        Assert.Equal(_signer.VerifierKey, r["verification"]!["verifier_key"]!.GetValue<string>());
        Assert.Equal(10, r["requests"]!.GetValue<long>());
        Assert.Equal(1, r["blocks_by_category"]!["jailbreak"]!.GetValue<long>());
        Assert.Equal(1, r["blocks_by_rule"]!["BW-JB-010"]!.GetValue<long>());
        Assert.Equal(1, r["denials_by_reason"]!["revoked"]!.GetValue<long>());
        Assert.Equal(["key.revoke", "directive.issue", "directive.lift", "killswitch.on"], r["admin_actions"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()));
        var mallory = r["principals"]!["mallory"]!;
        Assert.Equal(2, mallory["requests"]!.GetValue<long>());
        Assert.Equal(1, mallory["blocks"]!.GetValue<long>());
        Assert.Equal(1, mallory["offender_actions"]!["principal.throttle"]!.GetValue<long>());
        Assert.Equal(1, mallory["rate_limited_while_throttled"]!.GetValue<long>());
        Assert.Equal("sha256:abc", r["policies"]![0]!["hash"]!.GetValue<string>());
        Assert.StartsWith("jailbreak", r["rule_legend"]!["BW-JB-010"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("throttl", r["reason_legend"]!["rate_limited"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3600, r["time_series"]!["bucket_seconds"]!.GetValue<long>());
        var d = r["directives"]![0]!;
        Assert.Equal("dir_1", d["id"]!.GetValue<string>());
        Assert.Equal("EU AI Act review", d["reason"]!.GetValue<string>());
        Assert.Equal("ops", d["issuer"]!.GetValue<string>());
        Assert.False(d["compliant"]!.GetValue<bool>());
        Assert.Equal(7, d["violations"]![0]!["index"]!.GetValue<long>());
        Assert.Equal("carol", d["violations"]![0]!["principal"]!.GetValue<string>());
        Assert.Equal(2, d["checked_requests"]!.GetValue<long>());
        Assert.Equal(1, r["checkpoints"]!["total"]!.GetValue<int>());
        Assert.Equal(1, r["checkpoints"]!["covering_period"]!.GetValue<int>());
    }

    [Fact]
    public async Task Report_Html_IsStandaloneWithChartsAndEncodesText()
    {
        await using (var store = new SqliteAuditStore(Db))
        {
            await store.AppendAsync([Admin(25, "<script>alert(1)</script>", "x&y").ToCanonicalBytes()], CancellationToken.None);
            using var cp = new AuditCheckpointer(store, _signer, "report.test", TimeSpan.FromMinutes(1), int.MaxValue, new FixedTime(T0.AddMinutes(31)), NullLogger<AuditCheckpointer>.Instance);
            await cp.CheckpointAsync(CancellationToken.None);
        }
        var file = Path.Combine(_dir, "r.html");
        var (exit, _, err) = await ReportAsync(file, "--store", "sqlite://" + Db);
        Assert.True(exit == 0, err);
        var html = await File.ReadAllTextAsync(file);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("VERIFIED", html, StringComparison.Ordinal);
        Assert.Contains(_signer.VerifierKey, html, StringComparison.Ordinal);
        Assert.Contains("Tree size <strong>17</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("x&amp;y", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_BadTimes_ExitTwo()
    {
        var file = Path.Combine(_dir, "x.html");
        Assert.Equal(2, (await RunAsync("--from", "yesterday-ish", "--out", file, "--store", "sqlite://" + Db)).Exit);
        Assert.Equal(2, (await RunAsync("--from", "now", "--to", "7d", "--out", file, "--store", "sqlite://" + Db)).Exit);
        Assert.Equal(2, (await RunAsync("--from", "7d", "--out", file, "--store", "sqlite://" + Path.Combine(_dir, "none.db"))).Exit);
    }

    [Fact]
    public async Task Report_TamperedCopyOfTheDatabase_ExitsOneAndWritesAnInvalidPageNamingTheFirstBadIndex()
    {
        var copy = Path.Combine(_dir, "tampered.db");
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(Db + suffix)) File.Copy(Db + suffix, copy + suffix);
        }
        await using (var conn = new SqliteConnection("Data Source=" + copy + ";Pooling=False"))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "UPDATE audit_leaves SET data = CAST(replace(CAST(data AS TEXT), '\"blocked_input\"', '\"served\"') AS BLOB)";
            Assert.Equal(16, await cmd.ExecuteNonQueryAsync());
        }
        var file = Path.Combine(_dir, "t.html");
        var (exit, output, err) = await ReportAsync(file, "--store", "sqlite://" + copy);
        Assert.Equal(1, exit);
        Assert.Contains("INVALID", output, StringComparison.Ordinal);
        Assert.Contains("first bad index 1", err, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(file);
        var body = html[(html.IndexOf("<body>", StringComparison.Ordinal) + 6)..].TrimStart();
        Assert.StartsWith("<p class=\"invalid\">INVALID: first bad index 1.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Per principal", html, StringComparison.Ordinal);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "t.json")))!;
        Assert.False(json["verification"]!["valid"]!.GetValue<bool>());
        Assert.Equal(1, json["verification"]!["first_bad_index"]!.GetValue<long>());
        Assert.Null(json["requests"]);
        Assert.False(File.Exists(Path.Combine(_dir, "t.json.sig")));
    }

    [Fact]
    public async Task Report_FromExportFileAlone_MatchesTheStoreReport()
    {
        var export = Path.Combine(_dir, "log.jsonl");
        var (exportExit, _, exportErr) = await CliRun.RunAsync((o, e) => new Bulwark.Cli.Commands.Audit.AuditCommand(o, e), "audit", "export", "--store", "sqlite://" + Db, "--out", export);
        Assert.True(exportExit == 0, exportErr);
        File.Delete(Db);
        var file = Path.Combine(_dir, "e.json");
        var (exit, _, err) = await ReportAsync(file, "--format", "json", "--export", export);
        Assert.True(exit == 0, err);
        var r = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        Assert.True(r["verification"]!["valid"]!.GetValue<bool>());
        Assert.Equal(10, r["requests"]!.GetValue<long>());
        Assert.StartsWith("export ", r["source"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, (await RunAsync("--from", "7d", "--out", file, "--export", export)).Exit);
    }

    [Fact]
    public async Task Report_ExportWithAnEditedRecord_ExitsOne()
    {
        var export = Path.Combine(_dir, "log.jsonl");
        Assert.Equal(0, (await CliRun.RunAsync((o, e) => new Bulwark.Cli.Commands.Audit.AuditCommand(o, e), "audit", "export", "--store", "sqlite://" + Db, "--out", export)).Exit);
        var lines = await File.ReadAllLinesAsync(export);
        var i = Array.FindIndex(lines, l => l.Contains("\"index\":1,", StringComparison.Ordinal));
        var node = JsonNode.Parse(lines[i])!;
        var data = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(node["data"]!.GetValue<string>())).Replace("blocked_input", "served", StringComparison.Ordinal);
        node["data"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(data));
        node.AsObject().Remove("leaf_hash");
        lines[i] = node.ToJsonString();
        await File.WriteAllLinesAsync(export, lines);
        var (exit, _, err) = await ReportAsync(Path.Combine(_dir, "x.html"), "--export", export);
        Assert.Equal(1, exit);
        Assert.Contains("INVALID", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportVerify_SignedDigest_AcceptsTheReportAndRejectsAnyChange()
    {
        var file = Path.Combine(_dir, "s.html");
        var (exit, output, err) = await ReportAsync(file, "--store", "sqlite://" + Db, "--signing-key", SigningKeyFile);
        Assert.True(exit == 0, err);
        Assert.Contains("signed digest written", output, StringComparison.Ordinal);
        var json = Path.Combine(_dir, "s.json");
        Assert.True(File.Exists(json + ".sig"));
        Task<(int Exit, string Out, string Err)> Verify(string key) => RunAsync("verify", "--report", json, "--key", key);
        var ok = await Verify(_signer.VerifierKey);
        Assert.True(ok.Exit == 0, ok.Out + ok.Err);
        Assert.StartsWith("VALID", ok.Out, StringComparison.Ordinal);
        using (var other = NoteSigner.Generate("report.test"))
            Assert.Equal(1, (await Verify(other.VerifierKey)).Exit);
        var text = await File.ReadAllTextAsync(json);
        await File.WriteAllTextAsync(json, text.Replace("\"requests\": 10", "\"requests\": 9", StringComparison.Ordinal));
        var tampered = await Verify(_signer.VerifierKey);
        Assert.Equal(1, tampered.Exit);
        Assert.Contains("changed after signing", tampered.Out, StringComparison.Ordinal);
    }

    public Task DisposeAsync()
    {
        _signer.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
