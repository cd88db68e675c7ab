using Bulwark.Cli.Tests.Access;

namespace Bulwark.Cli.Tests.Serve;

/// <summary>
/// Issue 11, defect 9: every bad configuration stops <c>serve</c> with exit code 2 and one line naming the key and the
/// expected form, before the gateway starts (the real CLI, as a process, in its own folder).
/// </summary>
public sealed class ServeConfigurationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bulwark-cfg-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private async Task<string> ServeFailsAsync(string? json, params string[] extra)
    {
        if (json is not null) await File.WriteAllTextAsync(Path.Combine(_dir, "bulwark.json"), json);
        var (exit, _, stderr) = await CliProcess.RunAsync(_dir, ["serve", "--urls", "http://127.0.0.1:0", .. extra]);
        Assert.Equal(2, exit);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "bulwark-data", "bulwark.db")), "the gateway must not have started");
        return lines[0];
    }

    [Theory]
    [InlineData("""{"Bulwark":{"MaxStaleness":"5s"}}""", "Bulwark:MaxStaleness", "00:00:05")]
    [InlineData("""{"Bulwark":{"Upstreams":{"sim":{"Kind":"simulated","TokenDelay":"15ms"}}}}""", "Bulwark:Upstreams:sim:TokenDelay", "hh:mm:ss")]
    [InlineData("""{"Bulwark":{"Limits":{"RequestsPerMinute":-5}}}""", "Bulwark:Limits:RequestsPerMinute", "positive")]
    [InlineData("""{"Bulwark":{"MaxRequestBytes":"lots"}}""", "Bulwark:MaxRequestBytes", "whole number")]
    [InlineData("""{"Bulwark":{"AllowStale":"yes"}}""", "Bulwark:AllowStale", "true or false")]
    [InlineData("""{"Bulwark":{"Audit":{"MaxBatch":0}}}""", "MaxBatch", "between")]
    [InlineData("""{"Bulwark":{"Polcy":"off"}}""", "'Bulwark:Polcy'", "did you mean 'Bulwark:Policy'")]
    [InlineData("""{"Bulwark":{"Limits":{"RequestPerMinute":5}}}""", "'Bulwark:Limits:RequestPerMinute'", "did you mean 'Bulwark:Limits:RequestsPerMinute'")]
    [InlineData("""{"Bulwark":{"Policy":"default",}""", "bulwark.json is not valid JSON", "line")]
    [InlineData("""not json at all""", "bulwark.json is not valid JSON", "line 1")]
    public async Task Serve_BadConfiguration_Exit2AndOneLineNamingTheKey(string json, string key, string expected)
    {
        var line = await ServeFailsAsync(json);
        Assert.Contains(key, line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "9000")]
    [InlineData("--policy", "off")]
    public async Task Serve_UnknownOption_Exit2(string option, string value)
    {
        var line = await ServeFailsAsync(null, option, value);
        Assert.Contains($"unknown option '{option}'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_ApiKeyEnvNotSet_Exit2NamingUpstreamAndVariable()
    {
        var line = await ServeFailsAsync("""
            { "Bulwark": { "Upstreams": { "openai": { "Kind": "openai", "BaseUrl": "https://api.openai.com/v1", "ApiKeyEnv": "BULWARK_TEST_UNSET_KEY_4711" } },
                           "Models": { "gpt-4o": { "Upstream": "openai" } } } }
            """);
        Assert.Contains("'openai'", line, StringComparison.Ordinal);
        Assert.Contains("BULWARK_TEST_UNSET_KEY_4711", line, StringComparison.Ordinal);
    }
}
