using Bulwark.Cli;
using Bulwark.Cli.Commands.RedTeam;
using Bulwark.RedTeam.Running;
using Bulwark.RedTeam.Seeds;
using Bulwark.RedTeam.Targets;
using Bulwark.RedTeam.Tests.Support;

namespace Bulwark.RedTeam.Tests.Running;

/// <summary>An unreachable gateway, a wrong key or an unknown model stop the run with one reason before any attack is sent.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private TestGateway _gateway = null!;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bulwark-rt-bad-" + Guid.NewGuid().ToString("N")[..8]);

    public async Task InitializeAsync() => _gateway = await TestGateway.StartAsync("off", new Dictionary<string, string?> { ["Bulwark:Limits:RequestsPerMinute"] = "2" });

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (DirectoryNotFoundException) { }
    }

    [Theory]
    [InlineData("wrong-key", TestGateway.Model, "refused the key (401")]
    [InlineData(null, "no-such-model", "does not know the model")]
    public async Task RunAsync_BadKeyOrModel_StopsAfterTheOnePreflightRequest(string? key, string model, string reason)
    {
        using var counter = new CountingHandler();
        using var http = new HttpClient(counter);
        var target = new HttpTarget(http, new Uri(_gateway.Url), key ?? _gateway.UserKey, model, WireProtocol.OpenAi);
        var ex = await Assert.ThrowsAsync<CliUsageException>(() => RedTeamCommand.RunAsync(target, new RedTeamOptions(), SeedLibrary.BuiltIn(), _dir, null, CancellationToken.None));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal(1, counter.Count);
        Assert.False(File.Exists(Path.Combine(_dir, "results.jsonl")));
    }

    [Fact]
    public async Task RunAsync_UnreachableGateway_StopsWithOneLine()
    {
        using var counter = new CountingHandler();
        using var http = new HttpClient(counter);
        var target = new HttpTarget(http, new Uri($"http://127.0.0.1:{Bulwark.Testing.FreePort.Next()}"), "k", "m", WireProtocol.Anthropic);
        var ex = await Assert.ThrowsAsync<CliUsageException>(() => RedTeamCommand.RunAsync(target, new RedTeamOptions(), SeedLibrary.BuiltIn(), _dir, null, CancellationToken.None));
        Assert.Contains("unreachable", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, counter.Count);
    }

    [Fact]
    public async Task SendAsync_GatewayRateLimits_ReportsRateLimitedWithRetryAfter()
    {
        using var http = new HttpClient();
        var target = new HttpTarget(http, new Uri(_gateway.Url), _gateway.UserKey, TestGateway.Model, WireProtocol.OpenAi);
        TargetReply? limited = null;
        for (var i = 0; i < 5 && limited is null; i++)
        {
            var reply = await target.SendAsync([new(Bulwark.RedTeam.Operators.TurnKind.User, "hello")], CancellationToken.None);
            if (reply.Outcome == TargetOutcome.RateLimited) limited = reply;
        }
        Assert.NotNull(limited);
        Assert.Equal(429, limited.Status);
        Assert.NotNull(limited.RetryAfter);
        Assert.False(limited.Refused);
    }
}
