using Bulwark.Cli.Commands.Audit;
using Bulwark.Gateway.Access;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Auditing.Api;
using Bulwark.Gateway.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Bulwark.Cli.Tests.Audit;

public sealed class AuditGatewayTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bulwark-cli-gw-" + Guid.NewGuid().ToString("N")[..8]);
    private WebApplication _app = null!;

    private string Url => _app.Urls.First();

    public async Task InitializeAsync()
    {
        var options = new BulwarkOptions { Store = "sqlite://" + Path.Combine(_dir, "bulwark.db"), DataDirectory = _dir, AuditOrigin = "gw.test/log", CheckpointInterval = TimeSpan.FromHours(1) };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddBulwarkAudit(options);
        builder.Services.AddSingleton<IAccessController, AuditorOnlyAccess>();
        _app = builder.Build();
        _app.MapBulwarkAuditor();
        await _app.StartAsync();
        var appender = _app.Services.GetRequiredService<IAuditAppender>();
        await Task.WhenAll(Enumerable.Range(0, 1500).Select(i => appender.AppendAsync(AuditCommand.SyntheticRecord(i), CancellationToken.None).AsTask()));
        await _app.Services.GetRequiredService<AuditCheckpointer>().CheckpointAsync(CancellationToken.None);
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
        var file = Path.Combine(_dir, "e.jsonl");
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

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private sealed class AuditorOnlyAccess : IAccessController
    {
        public string Name => "auditor-only";

        public ValueTask<AccessDecision> AuthorizeAsync(AccessRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(request.PresentedKey == "auditor-key" ? new AccessDecision { Allowed = true, IsAuditor = true } : AccessDecision.Deny(401, "invalid_key", "unknown key"));

        public IReadOnlyList<string> VisibleModels(AccessDecision caller, IReadOnlyCollection<string> configuredModels) => [];

        public ValueTask RecordOutcomeAsync(AccessDecision caller, string model, int tokens, bool blocked, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
