using System.CommandLine;
using System.Text;
using Bulwark.Audit.Notes;
using Bulwark.Audit.Witness;
using Bulwark.Cli.Commands.Audit;

namespace Bulwark.Cli.Commands.Report;

/// <summary>
/// <c>bulwark report --from WHEN --to WHEN --out FILE [--format html|json] [--store URI | --export FILE] --key VKEY
/// [--witness-key WKEY…] [--quorum N] [--signing-key FILE]</c>: verifies the whole log first (exit 1 and an INVALID page
/// when it fails), then computes the report from it; writes the JSON report beside the page and, when the log's signing
/// key is at hand, its signed digest (<c>.sig</c>). <c>bulwark report verify --report FILE.json --key VKEY</c> checks that digest.
/// </summary>
public sealed class ReportCommand : ICliCommand
{
    private const string DefaultSigningKey = "bulwark-data/audit-signing.key";
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
        var command = new Command("report", "Verify the whole audit log, then write a compliance report for a period (summary, per principal, policies, rules, directives, time series, checkpoints).");
        var from = new Option<string>("--from") { Description = "Start of the period: ISO 8601 time, 'now', or an age such as 7d or 24h", Required = true };
        var to = new Option<string>("--to") { Description = "End of the period (exclusive); default now", DefaultValueFactory = _ => "now" };
        var output = new Option<string>("--out") { Description = "Page to write (report.html or report.json); the JSON report is also written as <name>.json", Required = true };
        var format = new Option<string>("--format") { Description = "html or json", DefaultValueFactory = _ => "html" };
        format.AcceptOnlyFromAmong("html", "json");
        var store = new Option<string?>("--store") { Description = "Audit store URI; default " + AuditCommand.DefaultStore };
        var export = new Option<string?>("--export") { Description = "Build the report from an export file ('bulwark audit export') instead of a store" };
        var key = new Option<string?>("--key") { Description = "The log's verifier key you trust; required with --export, default the key of --signing-key" };
        var witnessKeys = new Option<string[]>("--witness-key") { Description = "A witness verifier key whose cosignature the latest checkpoint must carry (repeatable)", AllowMultipleArgumentsPerToken = false };
        var quorum = new Option<int?>("--quorum") { Description = "How many of the --witness-key witnesses must have cosigned; default all" };
        var signingKey = new Option<string?>("--signing-key") { Description = "The log's signer key file, to sign the report's digest; default " + DefaultSigningKey + " when present" };
        foreach (var o in new Option[] { from, to, output, format, store, export, key, witnessKeys, quorum, signingKey }) command.Options.Add(o);
        command.Subcommands.Add(BuildVerify());
        command.SetAction(CliActions.Guarded(_err, async (pr, ct) =>
        {
            var now = _time.GetUtcNow();
            var start = WhenParser.Parse(pr.GetValue(from)!, now, "--from");
            var end = WhenParser.Parse(pr.GetValue(to) ?? "now", now, "--to");
            if (end <= start) throw new CliUsageException("--to must be after --from");
            if (pr.GetValue(store) is not null && pr.GetValue(export) is not null) throw new CliUsageException("give either --store or --export, not both");
            var signer = LoadSigner(pr.GetValue(signingKey), explicitly: pr.GetValue(signingKey) is not null);
            try
            {
                var verifier = ResolveKey(pr.GetValue(key), signer, pr.GetValue(export) is not null);
                var witnesses = (pr.GetValue(witnessKeys) ?? []).Select(k => WitnessVerifier.TryParse(k, out var w, out var e) ? w! : throw new CliUsageException("--witness-key: " + e)).ToArray();
                var q = pr.GetValue(quorum);
                if (q is { } n && (n < 0 || n > witnesses.Length)) throw new CliUsageException($"--quorum must be between 0 and the number of --witness-key ({witnesses.Length})");
                if (signer is not null && signer.VerifierKey != verifier.ToString())
                {
                    _err.WriteLine("bulwark: the signing key is not the key of --key; the report will not be signed");
                    signer.Dispose();
                    signer = null;
                }

                await using var log = pr.GetValue(export) is { } path ? await ReportLog.OpenExportAsync(path, ct).ConfigureAwait(false)
                    : await ReportLog.OpenStoreAsync(pr.GetValue(store) ?? AuditCommand.DefaultStore, ct).ConfigureAwait(false);
                var report = new AuditReport { From = start, To = end, Generated = now, Source = log.Name };
                report.Verification = await ReportVerifier.VerifyAsync(log, verifier, witnesses, q, ct).ConfigureAwait(false);
                if (report.Verification.Valid) await ReportBuilder.BuildAsync(log.ReadRecordsAsync(ct), log.Checkpoints, report, ct).ConfigureAwait(false);
                return await WriteAsync(report, pr.GetValue(output)!, pr.GetValue(format) == "json", report.Verification.Valid ? signer : null, ct).ConfigureAwait(false);
            }
            finally
            {
                signer?.Dispose();
            }
        }));
        return command;
    }

    private async Task<int> WriteAsync(AuditReport report, string path, bool json, NoteSigner? signer, CancellationToken ct)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var jsonPath = json ? path : Path.ChangeExtension(path, ".json");
        var jsonBytes = new UTF8Encoding(false).GetBytes(ReportRenderer.Json(report));
        await File.WriteAllBytesAsync(jsonPath, jsonBytes, ct).ConfigureAwait(false);
        var v = report.Verification!;
        var digest = v.Valid ? ReportSignature.Digest(jsonBytes) : null;
        if (!json) await File.WriteAllTextAsync(path, ReportRenderer.Html(report, digest), ct).ConfigureAwait(false);
        var sigPath = jsonPath + ".sig";
        if (File.Exists(sigPath)) File.Delete(sigPath);
        if (!v.Valid)
        {
            _err.WriteLine("bulwark: " + ReportRenderer.InvalidLine(v));
            _out.WriteLine($"INVALID report written to {path}");
            return ExitCodes.CheckFailed;
        }
        if (signer is not null) await File.WriteAllTextAsync(sigPath, ReportSignature.Sign(signer, v, jsonBytes), ct).ConfigureAwait(false);
        var violations = report.Directives.Sum(d => d.Violations.Count);
        _out.WriteLine($"verified {v.Log.RecordCount} records (tree size {v.TreeSize}, root {v.RootHash}){(v.Witnesses is { } w ? $", {w.Valid} witness cosignatures" : "")}");
        _out.WriteLine($"report written to {path}: {report.Requests} requests, {report.BlocksByCategory.Values.Sum()} category blocks, {report.AdminActions.Count} admin actions, {report.Directives.Count} directives ({violations} violations), {report.Checkpoints!.Total} checkpoints");
        _out.WriteLine(signer is null ? "not signed (no signing key for this log at hand)" : $"signed digest written to {sigPath}");
        return ExitCodes.Success;
    }

    private Command BuildVerify()
    {
        var command = new Command("verify", "Check a report's signed digest: the JSON report is unchanged and was signed with the log's key after the log verified.");
        var report = new Option<string>("--report") { Description = "The JSON report (report.json)", Required = true };
        var signature = new Option<string?>("--signature") { Description = "The signature file; default <report>.sig" };
        var key = new Option<string>("--key") { Description = "The log's verifier key", Required = true };
        command.Options.Add(report);
        command.Options.Add(signature);
        command.Options.Add(key);
        command.SetAction(CliActions.Guarded(_err, async (pr, ct) =>
        {
            if (!NoteVerifier.TryParse(pr.GetValue(key), out var verifier, out var error)) throw new CliUsageException("--key: " + error);
            var path = pr.GetValue(report)!;
            var sigPath = pr.GetValue(signature) ?? path + ".sig";
            if (!File.Exists(path)) throw new CliUsageException($"report '{path}' not found");
            if (!File.Exists(sigPath)) throw new CliUsageException($"signature '{sigPath}' not found");
            var ok = ReportSignature.Verify(await File.ReadAllTextAsync(sigPath, ct).ConfigureAwait(false), verifier!, await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false), out var message);
            _out.WriteLine(ok ? message : "INVALID: " + message);
            return ok ? ExitCodes.Success : ExitCodes.CheckFailed;
        }));
        return command;
    }

    private static NoteSigner? LoadSigner(string? path, bool explicitly)
    {
        path ??= DefaultSigningKey;
        if (!File.Exists(path))
        {
            if (explicitly) throw new CliUsageException($"signing key file '{path}' not found");
            return null;
        }
        try { return NoteSigner.Parse(File.ReadAllText(path).Trim()); }
        catch (FormatException ex) { throw new CliUsageException($"'{path}' is not a signer key: {ex.Message}"); }
    }

    private static NoteVerifier ResolveKey(string? key, NoteSigner? signer, bool fromExport)
    {
        if (key is not null) return NoteVerifier.TryParse(key, out var v, out var error) ? v! : throw new CliUsageException("--key: " + error);
        if (fromExport || signer is null) throw new CliUsageException("--key: give the log's verifier key you trust (from 'bulwark audit key')");
        return NoteVerifier.Parse(signer.VerifierKey);
    }
}
