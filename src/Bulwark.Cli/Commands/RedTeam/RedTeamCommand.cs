using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Bulwark.RedTeam.Judging;
using Bulwark.RedTeam.Operators;
using Bulwark.RedTeam.Reporting;
using Bulwark.RedTeam.Running;
using Bulwark.RedTeam.Seeds;
using Bulwark.RedTeam.Targets;
using Spectre.Console;

namespace Bulwark.Cli.Commands.RedTeam;

/// <summary>
/// <c>bulwark redteam --gateway URL --key K --model M --out DIR</c>: attacks a deployment over its public API as a
/// client would, and writes results.jsonl (incrementally), summary.json and report.html into DIR. A harmless preflight
/// request runs first: an unreachable gateway, a refused key or an unknown model stops with exit 2 before any attack.
/// <c>--fail-above RATE</c> exits 1 when the attack success rate is above RATE (a CI gate).
/// </summary>
public sealed class RedTeamCommand : ICliCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Command Build()
    {
        var gateway = new Option<string>("--gateway") { Description = "Base URL of the deployment (e.g. http://127.0.0.1:8080)", Required = true };
        var key = new Option<string>("--key") { Description = "API key to attack with (a normal user key)", Required = true };
        var model = new Option<string>("--model") { Description = "Model name to request", Required = true };
        var output = new Option<string>("--out") { Description = "Folder for results.jsonl, summary.json and report.html", Required = true };
        var protocol = new Option<string>("--protocol") { Description = "openai (Chat Completions) or anthropic (Messages)", DefaultValueFactory = _ => "openai" };
        protocol.AcceptOnlyFromAmong("openai", "anthropic");
        var seeds = new Option<string?>("--seeds") { Description = "JSONL of your own attacks {\"id\",\"category\",\"text\",\"checks\":[regex]} (and benign probes with \"benign\":true); replaces the built-in attacks" };
        var budget = new Option<int>("--budget") { Description = "Adaptive search: queries per attack goal", DefaultValueFactory = _ => 20 };
        var adaptive = new Option<bool>("--adaptive") { Description = "Also run the adaptive black-box search per goal" };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once", DefaultValueFactory = _ => 4 };
        var failAbove = new Option<double?>("--fail-above") { Description = "Exit 1 when the attack success rate (0..1) is above this" };
        var judge = new Option<string>("--judge") { Description = "input: success = not blocked; output: success = harmful text received", DefaultValueFactory = _ => "input" };
        judge.AcceptOnlyFromAmong("input", "output");
        var trigger = new Option<string>("--trigger") { Description = "Appended to every attack's last message (the simulated model's harmful trigger); \"\" for none", DefaultValueFactory = _ => RedTeamOptions.DefaultTrigger };
        var operators = new Option<string?>("--operators") { Description = "Comma-separated operator chains to try (e.g. base64,persona+fiction); default: all and the standard compositions" };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1234 };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for one answer", DefaultValueFactory = _ => 120 };
        var command = new Command("redteam", "Attack a deployment over its public API and measure attack success and over-refusal.")
        {
            gateway, key, model, output, protocol, seeds, budget, adaptive, concurrency, failAbove, judge, trigger, operators, seed, timeout,
        };
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            if (!Uri.TryCreate(pr.GetValue(gateway), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                throw new CliUsageException("--gateway must be an absolute http(s) URL");
            if (pr.GetValue(failAbove) is { } limit && limit is < 0 or > 1) throw new CliUsageException("--fail-above must be between 0 and 1");
            if (pr.GetValue(timeout) < 1) throw new CliUsageException("--timeout must be at least 1 second");
            var options = new RedTeamOptions
            {
                Judge = pr.GetValue(judge) == "output" ? JudgeMode.Output : JudgeMode.Input,
                Trigger = pr.GetValue(trigger) ?? "",
                Concurrency = pr.GetValue(concurrency),
                Adaptive = pr.GetValue(adaptive),
                Budget = pr.GetValue(budget),
                Seed = pr.GetValue(seed),
                Chains = pr.GetValue(operators) is { } list ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null,
            };
            var library = LoadSeeds(pr.GetValue(seeds));
            var outDir = pr.GetValue(output)!;
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(pr.GetValue(timeout)) };
            var target = new HttpTarget(http, url, pr.GetValue(key)!, pr.GetValue(model)!,
                pr.GetValue(protocol) == "anthropic" ? WireProtocol.Anthropic : WireProtocol.OpenAi);
            return await RunAsync(target, options, library, outDir, pr.GetValue(failAbove), ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Preflight, run, write the three outputs, print the headline and apply the gate. Exit code.</summary>
    public static async Task<int> RunAsync(ITarget target, RedTeamOptions options, SeedLibrary library, string outDir, double? failAbove, CancellationToken ct)
    {
        RedTeamRunner runner;
        try
        {
            runner = new RedTeamRunner(target, options, TimeProvider.System);
            runner.Chains();
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException(ex.Message);
        }
        var preflight = await runner.PreflightAsync(ct).ConfigureAwait(false);
        if (!preflight.Ok) throw new CliUsageException(preflight.Problem!);

        Directory.CreateDirectory(outDir);
        var planned = runner.PlannedAttempts(library) + (options.Adaptive ? library.Goals.Count * options.Budget : 0);
        RedTeamRun run;
        await using (var writer = new ResultsWriter(Path.Combine(outDir, "results.jsonl")))
        {
            if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
            {
                run = await AnsiConsole.Progress().StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("attacking", maxValue: Math.Max(1, planned));
                    return await runner.RunAsync(library, writer, new Progress<int>(n => task.Value = Math.Min(n, planned)), ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }
            else
            {
                run = await runner.RunAsync(library, writer, null, ct).ConfigureAwait(false);
            }
        }
        var summary = RedTeamSummary.Compute(run, target.Name, options.Judge == JudgeMode.Output ? "output" : "input");
        await File.WriteAllTextAsync(Path.Combine(outDir, "summary.json"), JsonSerializer.Serialize(summary, Indented), new UTF8Encoding(false), ct).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(outDir, "report.html"), HtmlReport.Render(summary, run.Attempts, DateTimeOffset.UtcNow), new UTF8Encoding(false), ct).ConfigureAwait(false);

        var table = new Table().AddColumn("measure").AddColumn("value");
        table.AddRow("attack success rate (asr)", Pct(summary.Asr));
        table.AddRow("got past input guards", Pct(summary.AsrInput));
        table.AddRow("harmful text received", Pct(summary.AsrOutput));
        table.AddRow("over-refusal", Pct(summary.OverRefusal));
        if (summary.Adaptive is { } a) table.AddRow("adaptive asr", $"{Pct(a.Asr)} ({a.Queries} queries)");
        table.AddRow("attempts", summary.Attempts.ToString(CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(outDir)}[/]: results.jsonl, summary.json, report.html");
        if (run.Aborted is { } why)
        {
            Console.Error.WriteLine($"bulwark: run stopped after {run.Attempts.Count} attempts: {why}");
            return ExitCodes.BadUsage;
        }
        if (failAbove is { } rate && summary.Asr > rate)
        {
            Console.Error.WriteLine($"bulwark: attack success rate {Pct(summary.Asr)} is above --fail-above {Pct(rate)}");
            return ExitCodes.CheckFailed;
        }
        return ExitCodes.Success;
    }

    private static SeedLibrary LoadSeeds(string? path)
    {
        var builtIn = SeedLibrary.BuiltIn();
        if (path is null) return builtIn;
        if (!File.Exists(path)) throw new CliUsageException($"seeds file '{path}' not found");
        SeedLibrary own;
        try
        {
            own = SeedLibrary.FromJsonl(File.ReadAllText(path), path);
        }
        catch (FormatException ex)
        {
            throw new CliUsageException(ex.Message);
        }
        return new SeedLibrary(own.Goals, own.Benign.Count > 0 ? own.Benign : builtIn.Benign);
    }

    private static string Pct(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
