using Bulwark.Cli.Commands.Audit;
using Bulwark.Testing.Auditing;

namespace Bulwark.Cli.Tests.Audit;

public sealed class AuditGatewayTests : IAsyncLifetime
{
    private AuditorHost _host = null!;

    private string Url => _host.Url;

    public async Task InitializeAsync()
    {
        _host = await AuditorHost.StartAsync("gw.test/log");
        await _host.AppendAndCheckpointAsync(Enumerable.Range(0, 1500).Select(i => AuditCommand.SyntheticRecord(i)));
    }

    private static Task<(int Exit, string Out, string Err)> Audit(params string[] args) => CliRun.RunAsync((o, e) => new AuditCommand(o, e), ["audit", .. args]);

    [Fact]
    public async Task KeyVerifyProveExport_OverTheAuditorApi_Work()
    {
        var key = await Audit("key", "--gateway", Url, "--admin-key", "auditor-key");
        Assert.Equal(0, key.Exit);
        var vkey = key.Out.Trim();
        var verify = await Audit("verify", "--gateway", Url, "--admin-key", "auditor-key", "--key", vkey);
        Assert.Equal(0, verify.Exit);
        Assert.StartsWith("VALID: 1500 records", verify.Out, StringComparison.Ordinal);
        var prove = await Audit("prove", "--gateway", Url, "--admin-key", "auditor-key", "--index", "1234", "--key", vkey);
        Assert.Equal(0, prove.Exit);
        var file = Path.Combine(_host.Directory, "e.jsonl");
        Assert.Equal(0, (await Audit("export", "--gateway", Url, "--admin-key", "auditor-key", "--out", file)).Exit);
        Assert.Equal(0, (await Audit("verify", "--export", file, "--key", vkey)).Exit);
    }

    [Fact]
    public async Task Verify_OverTheApiWithoutAKey_ExitsTwoWithTheReason()
    {
        var (exit, _, err) = await Audit("verify", "--gateway", Url, "--key", "x+00000000+AQ==");
        Assert.Equal(2, exit);
        var (exit2, _, err2) = await Audit("checkpoint", "--gateway", Url);
        Assert.Equal(2, exit2);
        Assert.Contains("401", err2, StringComparison.Ordinal);
        _ = err;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
