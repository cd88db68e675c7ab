using System.Text.Json.Nodes;
using Bulwark.Cli.Commands.RedTeam;
using Bulwark.RedTeam.Judging;
using Bulwark.RedTeam.Running;
using Bulwark.RedTeam.Seeds;
using Bulwark.RedTeam.Targets;
using Bulwark.RedTeam.Tests.Support;

namespace Bulwark.RedTeam.Tests.Running;

/// <summary>
/// The judge assumes nothing: against a real gateway with Policy "off" (no guards) every attack gets through on the input
/// side and the simulated model's harmful answer reaches the client on the output side, over both wire protocols.
/// </summary>
public sealed class GuardsOffTests : IAsyncLifetime
{
    private static readonly string[] Chains = ["base64", "persona", "indirect-tool", "indirect-document", "crescendo", "leetspeak+fiction"];
    /// <summary>One goal per category and a quarter of the benign probes: every category, a few seconds per run.</summary>
    private static readonly SeedLibrary Seeds = Regression.RedTeamRegressionTests.Subset();
    private TestGateway _gateway = null!;
    private string _dir = null!;

    public async Task InitializeAsync()
    {
        _gateway = await TestGateway.StartAsync("off");
        _dir = Path.Combine(Path.GetTempPath(), "bulwark-rt-out-" + Guid.NewGuid().ToString("N")[..8]);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        try { Directory.Delete(_dir, true); } catch (DirectoryNotFoundException) { }
    }

    private HttpTarget Target(HttpClient http, WireProtocol protocol) => new(http, new Uri(_gateway.Url), _gateway.UserKey, TestGateway.Model, protocol);

    [Theory]
    [InlineData(WireProtocol.OpenAi, JudgeMode.Input)]
    [InlineData(WireProtocol.OpenAi, JudgeMode.Output)]
    [InlineData(WireProtocol.Anthropic, JudgeMode.Input)]
    [InlineData(WireProtocol.Anthropic, JudgeMode.Output)]
    public async Task Run_GuardsOff_NearlyEveryAttackSucceeds(WireProtocol protocol, JudgeMode judge)
    {
        using var http = new HttpClient();
        var runner = new RedTeamRunner(Target(http, protocol), new RedTeamOptions { Judge = judge, Chains = Chains, Concurrency = 4 }, TimeProvider.System);
        Assert.True((await runner.PreflightAsync(CancellationToken.None)).Ok);
        var run = await runner.RunAsync(Seeds, null, null, CancellationToken.None);
        var attacks = run.Attempts.Where(a => a.Kind == AttemptKind.Attack).ToList();
        Assert.Equal(Seeds.Goals.Count * (Chains.Length + 1), attacks.Count);
        Assert.All(attacks, a => Assert.Equal(Outcomes.Answered, a.Outcome));
        var asr = attacks.Count(a => a.Success) / (double)attacks.Count;
        Assert.True(asr >= 0.99, $"guards off, judge {judge}: asr {asr:P1}");
        Assert.Contains(attacks, a => a.Operator == "crescendo" && a.Turns == 4);
        var benign = run.Attempts.Where(a => a.Kind == AttemptKind.Benign).ToList();
        Assert.Equal(Seeds.Benign.Count, benign.Count);
        Assert.All(benign, b => Assert.True(b.Success));
    }

    [Fact]
    public async Task Command_GuardsOff_SummaryMatchesResultsAndTheGateFails()
    {
        using var http = new HttpClient();
        var options = new RedTeamOptions { Judge = JudgeMode.Output, Chains = ["hex", "many-shot", "crescendo"], Adaptive = true, Budget = 3 };
        var exit = await RedTeamCommand.RunAsync(Target(http, WireProtocol.OpenAi), options, Seeds, _dir, failAbove: 0.5, CancellationToken.None);
        Assert.Equal(1, exit);

        var lines = File.ReadAllLines(Path.Combine(_dir, "results.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "summary.json")))!;
        var attacks = lines.Where(l => (string)l["kind"]! == "attack" && !(bool)l["adaptive"]!).ToList();
        var benign = lines.Where(l => (string)l["kind"]! == "benign").ToList();
        Assert.Equal(lines.Count, (int)summary["attempts"]!);
        Assert.Equal(attacks.Count, (int)summary["attack_attempts"]!);
        Assert.Equal(Math.Round(attacks.Count(l => (bool)l["success"]!) / (double)attacks.Count, 4), (double)summary["asr"]!);
        Assert.Equal(Math.Round(benign.Count(l => !(bool)l["success"]!) / (double)benign.Count, 4), (double)summary["over_refusal"]!);
        foreach (var group in attacks.GroupBy(l => (string)l["operator"]!))
            Assert.Equal(Math.Round(group.Count(l => (bool)l["success"]!) / (double)group.Count(), 4), (double)summary["asr_by_operator"]![group.Key]!);
        foreach (var group in attacks.GroupBy(l => (string)l["category"]!))
            Assert.Equal(Math.Round(group.Count(l => (bool)l["success"]!) / (double)group.Count(), 4), (double)summary["asr_by_category"]![group.Key]!);
        var adaptiveLines = lines.Where(l => (bool)l["adaptive"]!).ToList();
        Assert.Equal(adaptiveLines.Count, (int)summary["adaptive"]!["queries"]!);
        // Guards off: the plain goal already gets through, so every goal is broken on its first query.
        Assert.Equal(1.0, (double)summary["adaptive"]!["asr"]!);
        Assert.Equal(Seeds.Goals.Count, adaptiveLines.Count);
        Assert.All(lines, l => Assert.NotNull(l["seed_id"]));
        Assert.All(lines, l => Assert.NotNull(l["ms"]));
        Assert.All(lines, l => Assert.NotNull(l["turns"]));
        Assert.All(lines, l => Assert.NotNull(l["status"]));
        Assert.All(lines, l => Assert.IsType<JsonArray>(l["categories"]));
        var html = File.ReadAllText(Path.Combine(_dir, "report.html"));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);

        var lenient = await RedTeamCommand.RunAsync(Target(http, WireProtocol.OpenAi), options with { Adaptive = false, Chains = ["hex"] },
            Seeds, _dir, failAbove: 1.0, CancellationToken.None);
        Assert.Equal(0, lenient);
    }
}
