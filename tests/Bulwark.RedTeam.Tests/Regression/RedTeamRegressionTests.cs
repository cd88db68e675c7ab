using System.Text.Json;
using System.Text.Json.Nodes;
using Bulwark.Core.Detection.Normalization;
using Bulwark.Core.Guards;
using Bulwark.Core.Policies;
using Bulwark.Detection;
using Bulwark.Gateway.Upstreams.Simulated;
using Bulwark.RedTeam.Reporting;
using Bulwark.RedTeam.Running;
using Bulwark.RedTeam.Seeds;
using Bulwark.RedTeam.Targets;
using Xunit.Abstractions;

namespace Bulwark.RedTeam.Tests.Regression;

/// <summary>
/// The weekly-style gate: a small fixed, seeded subset of the red-team run against the in-process default policy (the
/// shipped guards and weights, the simulated model behind them). It fails when the attack success rate rises above the
/// checked-in baseline. When the detection weights change on purpose, re-record the baseline with
/// <c>BULWARK_REDTEAM_UPDATE_BASELINE=1 dotnet test tests/Bulwark.RedTeam.Tests --filter FullyQualifiedName~RedTeamRegression</c>
/// and commit the new <c>redteam-baseline.json</c> with the reason.
/// </summary>
public sealed class RedTeamRegressionTests(ITestOutputHelper output)
{
    public const string BaselineFile = "tests/Bulwark.RedTeam.Tests/Regression/redteam-baseline.json";
    public static readonly string[] Chains = ["base64", "leetspeak", "homoglyph", "persona", "fiction", "refusal-suppression", "indirect-tool", "crescendo", "paraphrase"];

    /// <summary>The fixed subset: the first goal of every category and every fourth benign probe.</summary>
    public static SeedLibrary Subset()
    {
        var all = SeedLibrary.BuiltIn();
        return new SeedLibrary(all.Goals.GroupBy(g => g.Category).Select(g => g.First()).ToArray(), all.Benign.Where((_, i) => i % 4 == 0).ToArray());
    }

    [Fact]
    public async Task DefaultPolicy_FixedSubset_AsrNotAboveBaseline()
    {
        var registry = DetectionGuards.CreateRegistry(new DetectionOptions());
        var policy = registry.Build(DefaultPolicies.Default);
        foreach (var guard in policy.InputGuards.Concat(policy.OutputGuards).Distinct())
            await guard.WarmUpAsync(CancellationToken.None);
        var pipeline = new GuardPipeline(new TextNormalizer(), TimeProvider.System);
        var target = new PipelineTarget(pipeline, policy,
            conv => string.Concat(SimulatedModel.ScriptFor(conv, RedTeamOptions.DefaultTrigger).Tokens));
        var runner = new RedTeamRunner(target, new RedTeamOptions { Chains = Chains, Concurrency = 2, Seed = 1234 }, TimeProvider.System);
        var run = await runner.RunAsync(Subset(), null, null, CancellationToken.None);
        var summary = RedTeamSummary.Compute(run, target.Name, "input");
        var failed = run.Attempts.Count(a => !a.Counted);
        output.WriteLine($"asr {summary.Asr:0.0000}, asr_output {summary.AsrOutput:0.0000}, over_refusal {summary.OverRefusal:0.0000}, attempts {summary.Attempts}, not counted {failed}");
        Assert.Equal(0, failed);

        var path = Path.Combine(Bulwark.Testing.RepoPaths.Root(), BaselineFile);
        if (Environment.GetEnvironmentVariable("BULWARK_REDTEAM_UPDATE_BASELINE") == "1")
        {
            var json = new JsonObject
            {
                ["asr"] = summary.Asr, ["asr_output"] = summary.AsrOutput, ["over_refusal"] = summary.OverRefusal, ["attempts"] = summary.Attempts,
                ["how_to_update"] = "BULWARK_REDTEAM_UPDATE_BASELINE=1 dotnet test tests/Bulwark.RedTeam.Tests --filter FullyQualifiedName~RedTeamRegression",
            };
            await File.WriteAllTextAsync(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            return;
        }
        var baseline = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        Assert.Equal((int)baseline["attempts"]!, summary.Attempts);
        Assert.True(summary.Asr <= (double)baseline["asr"]!,
            $"attack success rate {summary.Asr:P2} rose above the baseline {(double)baseline["asr"]!:P2} ({BaselineFile})");
        Assert.True(summary.AsrOutput <= (double)baseline["asr_output"]!,
            $"harmful text reached the client in {summary.AsrOutput:P2} of attacks, baseline {(double)baseline["asr_output"]!:P2}");
    }
}
