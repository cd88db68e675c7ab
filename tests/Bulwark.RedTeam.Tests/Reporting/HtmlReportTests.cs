using Bulwark.RedTeam.Reporting;
using Bulwark.RedTeam.Running;

namespace Bulwark.RedTeam.Tests.Reporting;

public sealed class HtmlReportTests
{
    private static AttemptResult Attack(string seed, string op, bool success, string prompt = "p") => new()
    {
        SeedId = seed, Operator = op, Kind = AttemptKind.Attack, Outcome = success ? Outcomes.Answered : Outcomes.BlockedInput,
        Category = "fraud", Success = success, InputPassed = success, Turns = 1, Status = success ? 200 : 400, Prompt = prompt,
    };

    [Fact]
    public void Render_PromptWithMarkup_IsEscapedAndThePageIsSelfContained()
    {
        var attempts = new[] { Attack("a", "none", true, "<script>alert(1)</script><img src=x>"), Attack("a", "hex", false), Attack("b", "none", false) };
        var run = new RedTeamRun(attempts, null, 20, 0, TimeSpan.FromSeconds(1));
        var summary = RedTeamSummary.Compute(run, "http://t", "input");
        var html = HtmlReport.Render(summary, attempts, DateTimeOffset.UnixEpoch);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Equal(0.3333, summary.Asr);
        Assert.Equal(0.5, summary.AsrByOperator["none"]);
        Assert.Contains("33.3%", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AdaptiveOf_QueriesToSuccess_GivesACumulativeCurve()
    {
        var outcomes = new[]
        {
            new Bulwark.RedTeam.Adaptive.AdaptiveOutcome("a", 1, 1, "none"), new Bulwark.RedTeam.Adaptive.AdaptiveOutcome("b", 3, 3, "hex"),
            new Bulwark.RedTeam.Adaptive.AdaptiveOutcome("c", null, 4, null), new Bulwark.RedTeam.Adaptive.AdaptiveOutcome("d", 4, 4, "rot13"),
        };
        var a = RedTeamSummary.AdaptiveOf(outcomes, 4);
        Assert.Equal([0.25, 0.25, 0.5, 0.75], a.AsrByQueries);
        Assert.Equal(0.75, a.Asr);
        Assert.Equal(12, a.Queries);
        Assert.Equal(2.67, a.MeanQueriesToSuccess);
    }
}
