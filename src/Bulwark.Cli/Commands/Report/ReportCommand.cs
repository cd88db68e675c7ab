using System.CommandLine;
using Bulwark.Cli.Commands.Audit;

namespace Bulwark.Cli.Commands.Report;

/// <summary><c>bulwark report --from WHEN --to WHEN --out report.html [--format html|json] [--store URI]</c>: a compliance report computed from the audit log alone.</summary>
public sealed class ReportCommand : ICliCommand
{
    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private readonly TimeProvider _time;

    public ReportCommand()
        : this(Console.Out, Console.Error, TimeProvider.System)
    {
    }

    public ReportCommand(TextWriter output, TextWriter error, TimeProvider time)
    {
        _out = output;
        _err = error;
        _time = time;
    }

    public Command Build()
    {
        var command = new Command("report", "Write a compliance report for a period (requests, blocks, denials, admin actions, directive compliance, checkpoints) from the audit log alone.");
        var from = new Option<string>("--from") { Description = "Start of the period: ISO 8601 time, 'now', or an age such as 7d or 24h", Required = true };
        var to = new Option<string>("--to") { Description = "End of the period (exclusive); default now", DefaultValueFactory = _ => "now" };
        var output = new Option<string>("--out") { Description = "File to write (report.html or report.json)", Required = true };
        var format = new Option<string>("--format") { Description = "html or json", DefaultValueFactory = _ => "html" };
        format.AcceptOnlyFromAmong("html", "json");
        var store = new Option<string?>("--store") { Description = "Audit store URI; default " + AuditCommand.DefaultStore };
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(output);
        command.Options.Add(format);
        command.Options.Add(store);
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            try
            {
                var now = _time.GetUtcNow();
                var start = WhenParser.Parse(pr.GetValue(from)!, now, "--from");
                var end = WhenParser.Parse(pr.GetValue(to) ?? "now", now, "--to");
                if (end <= start) throw new CliUsageException("--to must be after --from");
                var uri = pr.GetValue(store) ?? AuditCommand.DefaultStore;
                await using var source = await StoreAuditSource.OpenAsync(uri, ct).ConfigureAwait(false);
                var size = await source.GetSizeAsync(ct).ConfigureAwait(false);
                var checkpoints = await source.Store.ListCheckpointsAsync(ct).ConfigureAwait(false);
                var report = new AuditReport { From = start, To = end, Generated = now, Source = source.Name };
                await ReportBuilder.BuildAsync(source.ReadRecordsAsync(0, size, ct), checkpoints, report, ct).ConfigureAwait(false);
                var text = pr.GetValue(format) == "json" ? ReportRenderer.Json(report) : ReportRenderer.Html(report);
                var path = pr.GetValue(output)!;
                var dir = Path.GetDirectoryName(Path.GetFullPath(path));
                if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
                await File.WriteAllTextAsync(path, text, ct).ConfigureAwait(false);
                var violations = report.Directives.Sum(d => d.Violations.Count);
                _out.WriteLine($"report written to {path}: {report.Requests} requests, {report.BlocksByCategory.Values.Sum()} category blocks, {report.AdminActions.Count} admin actions, {report.Directives.Count} directives ({violations} violations), {report.Checkpoints.Count} checkpoints");
                return ExitCodes.Success;
            }
            catch (CliUsageException ex)
            {
                _err.WriteLine("bulwark: " + ex.Message);
                return ExitCodes.BadUsage;
            }
        });
        return command;
    }
}
