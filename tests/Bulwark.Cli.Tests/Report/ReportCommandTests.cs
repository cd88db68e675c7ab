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

    private string Db => Path.Combine(_dir, "bulwark.db");

    private static AuditRecord Request(int minute, string outcome, string principal, string[] groups, string model = "gpt-4o", AuditVerdict? input = null, string? reason = null) => new()
    {
        Kind = "request", Time = T0.AddMinutes(minute), RequestId = $"r{minute}", Principal = principal, Groups = groups, Model = model,
        Outcome = outcome, Status = outcome == "served" ? 200 : 400, Input = input, Reason = reason,
    };

    private static AuditRecord Admin(int minute, string action, string target, JsonObject? details = null) => new()
    {
        Kind = "admin", Time = T0.AddMinutes(minute), RequestId = $"a{minute}", Outcome = "ok", Actor = "ops", Action = action, Target = target, Details = details,
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        var block = new AuditVerdict("block", 0.97, ["jailbreak"], ["sig.dan"], []);
        var records = new List<AuditRecord>
        {
            Request(1, "served", "alice", ["research"]),
            Request(2, "blocked_input", "mallory", ["sales"], input: block),
            Request(3, "denied", "bob", ["sales"], reason: "revoked"),
            Admin(4, "key.revoke", "key_bob"),
            Admin(5, "directive.issue", "dir_1", new JsonObject { ["id"] = "dir_1", ["model"] = "gpt-4o", ["allow_groups"] = new JsonArray("research"), ["effective"] = T0.AddMinutes(10).ToString("O") }),
            Request(8, "served", "carol", ["sales"]),                // before the directive is effective: fine
            Request(12, "served", "alice", ["research"]),            // allowed group: fine
            Request(13, "served", "carol", ["sales"]),               // violation
            Request(14, "served", "carol", ["sales"], model: "bulwark-sim"), // other model: fine
            Admin(20, "directive.lift", "dir_1"),
            Request(21, "served", "carol", ["sales"]),               // after lift: fine
            Admin(22, "killswitch.on", "gpt-4o"),
            Request(60 * 24 * 3, "served", "dave", ["x"]),           // outside the period
        };
        await using var store = new SqliteAuditStore(Db);
        await store.InitializeAsync(CancellationToken.None);
        await store.AppendAsync(records.Select(r => (ReadOnlyMemory<byte>)r.ToCanonicalBytes()).ToArray(), CancellationToken.None);
        using var signer = NoteSigner.Generate("report.test");
        using var cp = new AuditCheckpointer(store, signer, "report.test", TimeSpan.FromMinutes(1), int.MaxValue, new FixedTime(T0.AddMinutes(30)), NullLogger<AuditCheckpointer>.Instance);
        await cp.CheckpointAsync(CancellationToken.None);
    }

    private Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) =>
        CliRun.RunAsync((o, e) => new ReportCommand(o, e, new FixedTime(T0.AddDays(1))), ["report", .. args]);

    [Fact]
    public async Task Report_Json_CountsBlocksDenialsAdminActionsAndDirectiveViolations()
    {
        var file = Path.Combine(_dir, "r.json");
        var (exit, output, err) = await RunAsync("--from", "2026-11-02T00:00:00Z", "--to", "2026-11-03T00:00:00Z", "--out", file, "--format", "json", "--store", "sqlite://" + Db);
        Assert.True(exit == 0, err);
        Assert.Contains("1 directives (1 violations)", output, StringComparison.Ordinal);
        var r = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        Assert.Equal(8, r["requests"]!.GetValue<long>());
        Assert.Equal(1, r["blocks_by_category"]!["jailbreak"]!.GetValue<long>());
        Assert.Equal(1, r["blocks_by_rule"]!["sig.dan"]!.GetValue<long>());
        Assert.Equal(1, r["denials_by_reason"]!["revoked"]!.GetValue<long>());
        Assert.Equal(["key.revoke", "directive.issue", "directive.lift", "killswitch.on"], r["admin_actions"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()));
        var d = r["directives"]![0]!;
        Assert.False(d["compliant"]!.GetValue<bool>());
        Assert.Equal(7, d["violations"]![0]!["index"]!.GetValue<long>());
        Assert.Equal("carol", d["violations"]![0]!["principal"]!.GetValue<string>());
        Assert.Equal(2, d["checked_requests"]!.GetValue<long>());
        Assert.Single(r["checkpoints"]!.AsArray());
    }

    [Fact]
    public async Task Report_Html_IsStandaloneWithChartsAndEncodesText()
    {
        await using (var store = new SqliteAuditStore(Db))
            await store.AppendAsync([Admin(25, "<script>alert(1)</script>", "x&y").ToCanonicalBytes()], CancellationToken.None);
        var file = Path.Combine(_dir, "r.html");
        var (exit, _, err) = await RunAsync("--from", "2026-11-02T00:00:00Z", "--to", "2026-11-03T00:00:00Z", "--out", file, "--store", "sqlite://" + Db);
        Assert.True(exit == 0, err);
        var html = await File.ReadAllTextAsync(file);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
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

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
