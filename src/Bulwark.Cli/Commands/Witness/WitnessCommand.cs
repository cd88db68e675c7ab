using System.CommandLine;
using Bulwark.Audit.Notes;
using Bulwark.Audit.Witness;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Auditing.Witnesses;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Bulwark.Cli.Commands.Witness;

/// <summary>
/// <c>bulwark witness keygen --name NAME --out FILE</c> and <c>bulwark witness serve --urls URL --key FILE --log-key VKEY
/// [--state FILE]</c>: a C2SP tlog-witness that cosigns (cosignature/v1) the checkpoints of the logs it trusts, after checking
/// each is consistent with the last one it cosigned; that state is kept in a file replaced atomically.
/// </summary>
public sealed class WitnessCommand : ICliCommand
{
    private readonly TextWriter _out;
    private readonly TextWriter _err;

    public WitnessCommand()
        : this(Console.Out, Console.Error)
    {
    }

    public WitnessCommand(TextWriter output, TextWriter error)
    {
        _out = output;
        _err = error;
    }

    public Command Build()
    {
        var command = new Command("witness", "A transparency-log witness (C2SP tlog-witness, cosignature/v1) that refuses forked or rolled-back logs.");
        command.Subcommands.Add(BuildKeygen());
        command.Subcommands.Add(BuildServe());
        return command;
    }

    private Command BuildKeygen()
    {
        var command = new Command("keygen", "Create a witness key (Ed25519) and print its verifier key.");
        var name = new Option<string>("--name") { Description = "Witness name, a schema-less URL such as witness.example.org/w1", Required = true };
        var output = new Option<string>("--out") { Description = "Key file to create (mode 0600)", Required = true };
        command.Options.Add(name);
        command.Options.Add(output);
        command.SetAction((ParseResult pr) =>
        {
            var path = pr.GetValue(output)!;
            if (File.Exists(path)) return Fail($"'{path}' already exists; refusing to overwrite a witness key");
            WitnessSigner signer;
            try { signer = WitnessSigner.Generate(pr.GetValue(name)!); }
            catch (FormatException ex) { return Fail(ex.Message); }
            using (signer)
            {
                AuditKeyFiles.WriteSecretFile(path, signer.ExportSignerKey() + "\n");
                _out.WriteLine(signer.VerifierKey);
                _err.WriteLine($"witness key written to {path} (keep it secret)");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private Command BuildServe()
    {
        var command = new Command("serve", "Serve POST /add-checkpoint for the logs whose keys are given.");
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => "http://127.0.0.1:8090" };
        var key = new Option<string>("--key") { Description = "The witness key file (from 'bulwark witness keygen')", Required = true };
        var logKeys = new Option<string[]>("--log-key") { Description = "Verifier key of a log to witness (repeatable); its name is the log's origin", Required = true };
        var state = new Option<string?>("--state") { Description = "State file (latest cosigned size and root per log); default <key file>.state.json" };
        command.Options.Add(urls);
        command.Options.Add(key);
        command.Options.Add(logKeys);
        command.Options.Add(state);
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var keyPath = pr.GetValue(key)!;
            if (!File.Exists(keyPath)) return Fail($"witness key file '{keyPath}' not found");
            WitnessSigner signer;
            try { signer = WitnessSigner.Parse(await File.ReadAllTextAsync(keyPath, ct)); }
            catch (FormatException ex) { return Fail($"'{keyPath}': {ex.Message}"); }
            using (signer)
            {
                var logs = new Dictionary<string, NoteVerifier>(StringComparer.Ordinal);
                foreach (var k in pr.GetValue(logKeys) ?? [])
                {
                    if (!NoteVerifier.TryParse(k, out var v, out var error)) return Fail("--log-key: " + error);
                    logs[v!.Name] = v;
                }
                FileWitnessStateStore store;
                var statePath = pr.GetValue(state) ?? keyPath + ".state.json";
                try { store = new FileWitnessStateStore(statePath); }
                catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or IOException) { return Fail($"state file '{statePath}': {ex.Message}"); }
                var witness = new CheckpointWitness(signer, logs, store, TimeProvider.System);
                var builder = WebApplication.CreateSlimBuilder();
                builder.WebHost.UseUrls(pr.GetValue(urls)!);
                builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
                builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
                await using var app = builder.Build();
                app.MapCheckpointWitness(witness);
                await app.StartAsync(ct);
                _out.WriteLine($"witness {signer.Name} on {string.Join(", ", app.Urls)}");
                _out.WriteLine($"verifier key: {signer.VerifierKey}");
                _out.WriteLine($"witnessing: {string.Join(", ", logs.Keys)}; state in {statePath}");
                _out.Flush();
                // Ctrl-C cancels ct; SIGTERM (a service manager's stop) stops the host, which fires ApplicationStopping.
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, app.Lifetime.ApplicationStopping);
                try { await Task.Delay(Timeout.Infinite, stop.Token); }
                catch (OperationCanceledException) { }
                await app.StopAsync(CancellationToken.None);
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private int Fail(string message)
    {
        _err.WriteLine("bulwark: " + message);
        return ExitCodes.BadUsage;
    }
}
