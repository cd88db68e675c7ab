using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Bulwark.Benchmarks.Detection;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Protocols;
using Bulwark.Gateway.Protocols.OpenAi;
using Bulwark.Gateway.Protocols.Scanning;

namespace Bulwark.Benchmarks.Protocols;

/// <summary>
/// The added cost of the field walk that collects every string of a request for the input guards, on an agent
/// request of 20 tools (about 8 KB): parse with the walk minus parse alone. Both clone the body first (the walk
/// changes it when it drops fields), so the clone cancels out of the difference.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(DetectionBenchmarkConfig))]
public class RequestScanBenchmarks
{
    private readonly OpenAiProtocol _protocol = new(TimeProvider.System, new BulwarkOptions { UnknownFields = UnknownFieldHandling.Drop });
    private JsonObject _body = null!;

    [GlobalSetup]
    public void Setup()
    {
        var tools = new JsonArray();
        for (var i = 0; i < 20; i++)
        {
            tools.Add(new JsonObject
            {
                ["type"] = "function",
                ["function"] = new JsonObject
                {
                    ["name"] = $"tool_{i}",
                    ["description"] = $"Tool {i}: looks up company records as JSON.",
                    ["parameters"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject
                        {
                            ["query"] = new JsonObject { ["type"] = "string", ["description"] = "What to look for, in plain words." },
                            ["limit"] = new JsonObject { ["type"] = "integer", ["description"] = "How many records at most." },
                        },
                        ["required"] = new JsonArray("query"),
                    },
                },
            });
        }
        var messages = new JsonArray(
            new JsonObject { ["role"] = "system", ["content"] = "You are an operations assistant. Use the tools to answer; cite the records you used." },
            new JsonObject { ["role"] = "user", ["content"] = "Which orders from last week are still unpaid, and who owns them?" },
            new JsonObject
            {
                ["role"] = "assistant", ["content"] = null,
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["id"] = "call_1", ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = "tool_3", ["arguments"] = "{\"query\":\"unpaid orders last week\",\"limit\":20}" },
                }),
            },
            new JsonObject { ["role"] = "tool", ["tool_call_id"] = "call_1", ["content"] = string.Concat(Enumerable.Repeat("{\"order\":\"A-1001\",\"owner\":\"Kim\",\"amount\":120.5,\"status\":\"unpaid\"},", 6)) });
        _body = new JsonObject { ["model"] = "gpt-4o", ["messages"] = messages, ["tools"] = tools, ["temperature"] = 0.2 };
        var size = _body.ToJsonString().Length;
        if (size is < 7000 or > 9500) throw new InvalidOperationException($"the agent request is {size} bytes, not about 8 KB");
    }

    [Benchmark(Baseline = true)]
    public ParseOutcome ParseOnly() => OpenAiRequestParser.Parse((JsonObject)_body.DeepClone());

    [Benchmark]
    public ParseOutcome WalkAndParse() => _protocol.Parse((JsonObject)_body.DeepClone());
}
