using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bulwark.Core.Detection.Normalization;
using Spectre.Console;

namespace Bulwark.Cli.Commands.Detection;

/// <summary>
/// <c>bulwark scan [TEXT] [--file F] [--stage input|output] [--policy NAME]</c> prints the verdict as JSON;
/// <c>bulwark scan --jsonl IN --out OUT</c> scans a batch on all cores, in input order, turning malformed lines into error lines.
/// </summary>
public sealed class ScanCommand : ICliCommand
{
    private static readonly string[] InputFields = ["id", "text", "prompt", "response"];
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public Command Build()
    {
        var text = new Argument<string?>("text") { Description = "Text to scan (input stage: the prompt; output stage: the response)", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<string?>("--file") { Description = "Read the text to scan from a file" };
        var stage = new Option<string>("--stage") { Description = "input or output", DefaultValueFactory = _ => "input" };
        stage.AcceptOnlyFromAmong("input", "output");
        var policy = new Option<string>("--policy") { Description = "Policy name", DefaultValueFactory = _ => "default" };
        var prompt = new Option<string?>("--prompt") { Description = "Output stage: the prompt the response answers (context)" };
        var jsonl = new Option<string?>("--jsonl") { Description = "Batch: JSONL input with {\"id\",\"text\"} (output stage: {\"id\",\"prompt\",\"response\"})" };
        var output = new Option<string?>("--out") { Description = "Batch: JSONL output file" };
        var command = new Command("scan", "Scan a text (or a JSONL batch) with the guard pipeline and print the verdict as JSON.")
        {
            text, file, stage, policy, prompt, jsonl, output,
        };
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var isOutput = pr.GetValue(stage) == "output";
            var runtime = DetectionRuntime.Create(pr.GetValue(policy), new TextNormalizer());
            if (pr.GetValue(jsonl) is { } inPath)
            {
                var outPath = pr.GetValue(output) ?? throw new CliUsageException("--jsonl needs --out");
                if (!File.Exists(inPath)) throw new CliUsageException($"input file '{inPath}' not found");
                await RunBatchAsync(runtime, isOutput, inPath, outPath, ct).ConfigureAwait(false);
                return 0;
            }
            string value;
            if (pr.GetValue(file) is { } path)
            {
                if (!File.Exists(path)) throw new CliUsageException($"file '{path}' not found");
                value = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
            }
            else if (pr.GetValue(text) is { } t)
            {
                value = t;
            }
            else
            {
                throw new CliUsageException("give TEXT, --file F or --jsonl IN --out OUT");
            }
            var verdict = isOutput
                ? await runtime.ScanOutputAsync(pr.GetValue(prompt) ?? "", value, ct).ConfigureAwait(false)
                : await runtime.ScanInputAsync(value, ct).ConfigureAwait(false);
            Console.WriteLine(VerdictJson.Full(verdict).ToJsonString(Indented));
            return 0;
        });
        return command;
    }

    /// <summary>Scans a JSONL file line by line on all cores and writes one result line per input line, in order.</summary>
    internal static async Task<int> RunBatchAsync(DetectionRuntime runtime, bool isOutput, string inPath, string outPath, CancellationToken ct)
    {
        var lines = await File.ReadAllLinesAsync(inPath, ct).ConfigureAwait(false);
        var results = new string?[lines.Length];
        var interactive = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct };
        var done = 0;

        async Task Work(Action<int>? progress)
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, lines.Length), options, async (i, token) =>
            {
                results[i] = await ScanLineAsync(runtime, isOutput, lines[i], i + 1, token).ConfigureAwait(false);
                progress?.Invoke(Interlocked.Increment(ref done));
            }).ConfigureAwait(false);
        }

        if (interactive)
        {
            await AnsiConsole.Progress().StartAsync(async ctx =>
            {
                var task = ctx.AddTask("scanning", maxValue: Math.Max(1, lines.Length));
                await Work(n => task.Value = n).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        else
        {
            await Work(null).ConfigureAwait(false);
        }

        await using var writer = new StreamWriter(outPath, false, new UTF8Encoding(false));
        var errors = 0;
        foreach (var r in results)
        {
            if (r is null) continue;
            if (r.StartsWith("{\"id\":null,\"line\":", StringComparison.Ordinal)) errors++;
            await writer.WriteLineAsync(r).ConfigureAwait(false);
        }
        if (errors > 0) Console.Error.WriteLine($"{errors} malformed line(s) written as error lines");
        return errors;
    }

    private static async Task<string?> ScanLineAsync(DetectionRuntime runtime, bool isOutput, string line, int number, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(line)) return null;
        JsonObject obj;
        try
        {
            obj = JsonNode.Parse(line) as JsonObject ?? throw new JsonException("line is not a JSON object");
        }
        catch (JsonException ex)
        {
            return Error(number, "invalid JSON: " + FirstLine(ex.Message));
        }
        string? Get(string name) => obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var id = obj["id"];
        if (isOutput)
        {
            if (Get("response") is not { } response) return Error(number, "missing string field 'response'");
            var verdict = await runtime.ScanOutputAsync(Get("prompt") ?? "", response, ct).ConfigureAwait(false);
            return VerdictJson.Line(id, obj["source"], verdict, Extra(obj)).ToJsonString(Compact);
        }
        if (Get("text") is not { } text) return Error(number, "missing string field 'text'");
        var v = await runtime.ScanInputAsync(text, ct).ConfigureAwait(false);
        return VerdictJson.Line(id, obj["source"], v, Extra(obj)).ToJsonString(Compact);
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Extra(JsonObject obj) =>
        obj.Where(kv => !InputFields.Contains(kv.Key) && kv.Key != "source");

    private static string Error(int line, string message) =>
        new JsonObject { ["id"] = null, ["line"] = line, ["error"] = message }.ToJsonString(Compact);

    private static string FirstLine(string s)
    {
        var i = s.IndexOf('\n');
        return i < 0 ? s : s[..i];
    }
}
