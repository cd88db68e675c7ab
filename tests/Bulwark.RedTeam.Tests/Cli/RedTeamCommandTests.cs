using System.CommandLine;
using Bulwark.Cli;
using Bulwark.Cli.Commands.RedTeam;

namespace Bulwark.RedTeam.Tests.Cli;

/// <summary>The command line itself: bad option values stop with a one-line usage error before anything is sent.</summary>
public sealed class RedTeamCommandTests
{
    private static Task<int> Invoke(params string[] args)
    {
        var root = new RootCommand { new RedTeamCommand().Build() };
        var parse = root.Parse(["redteam", .. args]);
        Assert.Empty(parse.Errors);
        return parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    [Theory]
    [InlineData("--gateway", "not a url", "absolute http(s) URL")]
    [InlineData("--fail-above", "1.5", "--fail-above must be between 0 and 1")]
    [InlineData("--concurrency", "0", "--concurrency must be between 1 and 64")]
    [InlineData("--operators", "base64+nope", "unknown operator")]
    [InlineData("--seeds", "/no/such/seeds.jsonl", "seeds file")]
    public async Task Invoke_BadOption_IsAUsageError(string option, string value, string reason)
    {
        var args = new Dictionary<string, string>
        {
            ["--gateway"] = "http://127.0.0.1:9", ["--key"] = "k", ["--model"] = "m", ["--out"] = Path.GetTempPath(),
        };
        args[option] = value;
        var ex = await Assert.ThrowsAsync<CliUsageException>(() => Invoke(args.SelectMany(kv => new[] { kv.Key, kv.Value }).ToArray()));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithoutRequiredOptions_ReportsParseErrors()
    {
        var root = new RootCommand { new RedTeamCommand().Build() };
        Assert.NotEmpty(root.Parse(["redteam", "--gateway", "http://127.0.0.1:9"]).Errors);
    }
}
