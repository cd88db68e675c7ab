using System.Text.Json;
using System.Text.RegularExpressions;
using Bulwark.Gateway.Configuration;
using Bulwark.Testing;
using Json.Schema;
using Microsoft.Extensions.Configuration;

namespace Bulwark.Gateway.Tests.Configuration;

/// <summary>
/// The published schema (docs/bulwark.schema.json) accepts every shipped example (the README's configuration snippet and
/// any bulwark*.json in the repository), rejects what start-up rejects, and agrees with <see cref="ConfigurationChecker"/>.
/// </summary>
public sealed partial class ConfigurationSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.Root(), "docs", "bulwark.schema.json"))));

    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List };

    [GeneratedRegex("```json\\s*\\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    /// <summary>Every configuration example the repository ships: README blocks with a "Bulwark" section and bulwark*.json files.</summary>
    public static IEnumerable<object[]> Examples()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root(), "README.md"));
        var n = 0;
        foreach (Match m in JsonBlock().Matches(readme))
        {
            if (m.Groups["body"].Value.Contains("\"Bulwark\"", StringComparison.Ordinal)) yield return ["README.md#" + ++n, m.Groups["body"].Value];
        }
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Root(), "bulwark*.json", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepoPaths.Root(), file);
            if (relative.Contains("schema", StringComparison.Ordinal) || relative.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj" or ".git")) continue;
            yield return [relative, File.ReadAllText(file)];
        }
    }

    [Fact]
    public void Examples_IncludeTheReadmeSnippet() => Assert.Contains(Examples(), e => ((string)e[0]).StartsWith("README.md#", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Examples))]
    public void ShippedExample_ValidatesAgainstSchemaAndChecker(string name, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var result = Schema.Value.Evaluate(doc.RootElement, Options);
        Assert.True(result.IsValid, name + ": " + string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + " " + e.Value))));
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
        Assert.Empty(ConfigurationChecker.Check(configuration, BulwarkOptionsLoader.OwnSections));
    }

    [Theory]
    [InlineData("""{"Bulwark":{"MaxStaleness":"5s"}}""")]
    [InlineData("""{"Bulwark":{"Polcy":"off"}}""")]
    [InlineData("""{"Bulwark":{"Limits":{"RequestsPerMinute":-5}}}""")]
    [InlineData("""{"Bulwark":{"Upstreams":{"o":{"Kind":"openai"}}}}""")]
    [InlineData("""{"Bulwark":{"ForwardedHeaders":{"KnownProxy":["10.0.0.1"]}}}""")]
    public void BadConfiguration_RejectedBySchema(string json)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.False(Schema.Value.Evaluate(doc.RootElement, Options).IsValid);
    }

    [Fact]
    public void Schema_NamesExactlyTheSettingsTheCheckerKnows()
    {
        // Every leaf the schema lists under Bulwark is accepted by the checker (no schema key start-up would refuse).
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root(), "docs", "bulwark.schema.json")));
        var bulwark = schema.RootElement.GetProperty("properties").GetProperty("Bulwark").GetProperty("properties");
        var keys = new Dictionary<string, string?>();
        foreach (var p in bulwark.EnumerateObject())
        {
            if (p.Value.TryGetProperty("properties", out var nested))
            {
                foreach (var q in nested.EnumerateObject()) keys[$"Bulwark:{p.Name}:{q.Name}"] = null;
            }
            else if (p.Name is not ("Upstreams" or "Models"))
            {
                keys[$"Bulwark:{p.Name}"] = null;
            }
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(keys).Build();
        Assert.Empty(ConfigurationChecker.Check(configuration, BulwarkOptionsLoader.OwnSections));
    }
}
