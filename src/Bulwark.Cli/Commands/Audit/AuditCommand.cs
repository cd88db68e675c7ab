using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bulwark.Audit.Export;
using Bulwark.Audit.Hashing;
using Bulwark.Audit.Notes;
using Bulwark.Audit.Proofs;
using Bulwark.Audit.Witness;
using Bulwark.Gateway.Auditing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bulwark.Cli.Commands.Audit;

/// <summary>
/// <c>bulwark audit keygen|key|checkpoint|prove|export|verify</c>: the verifiable audit log from the outside. Read-only
/// commands take <c>--gateway URL --admin-key KEY</c> (an auditor key works) or <c>--store URI</c> (default the local
/// store); verification itself uses Bulwark.Audit only.
/// </summary>
public sealed class AuditCommand : ICliCommand
{
    public const string DefaultStore = "sqlite://./bulwark-data/bulwark.db";
    public const string DefaultOrigin = "bulwark.local/audit";
    private readonly TextWriter _out;
    private readonly TextWriter _err;

    public AuditCommand()
        : this(Console.Out, Console.Error)
    {
    }

    public AuditCommand(TextWriter output, TextWriter error)
    {
        _out = output;
        _err = error;
    }

    public Command Build()
    {
        var audit = new Command("audit", "The verifiable audit log: keys, checkpoints, proofs, export and offline verification.");
        audit.Subcommands.Add(BuildKeygen());
        audit.Subcommands.Add(BuildKey());
        audit.Subcommands.Add(BuildCheckpoint());
        audit.Subcommands.Add(BuildProve());
        audit.Subcommands.Add(BuildExport());
        audit.Subcommands.Add(BuildVerify());
        audit.Subcommands.Add(BuildLoad());
        return audit;
    }

    private Func<ParseResult, CancellationToken, Task<int>> Guard(Func<ParseResult, CancellationToken, Task<int>> action) => CliActions.Guarded(_err, action);

    private sealed record SourceOptions(Option<string?> Store, Option<string?> Gateway, Option<string?> AdminKey);

    private static SourceOptions AddSourceOptions(Command command)
    {
        var o = new SourceOptions(
            new Option<string?>("--store") { Description = "Audit store URI (sqlite://path or postgres://user:pass@host:port/db); default " + DefaultStore },
            new Option<string?>("--gateway") { Description = "Base URL of a running gateway (uses its auditor API)" },
            new Option<string?>("--admin-key") { Description = "Admin or auditor key for --gateway" });
        command.Options.Add(o.Store);
        command.Options.Add(o.Gateway);
        command.Options.Add(o.AdminKey);
        return o;
    }

    private static async Task<IAuditSource> OpenSourceAsync(ParseResult pr, SourceOptions o, CancellationToken ct)
    {
        var gateway = pr.GetValue(o.Gateway);
        var store = pr.GetValue(o.Store);
        if (gateway is not null && store is not null) throw new CliUsageException("give either --gateway or --store, not both");
        if (gateway is not null) return new GatewayAuditSource(gateway, pr.GetValue(o.AdminKey));
        return await StoreAuditSource.OpenAsync(store ?? DefaultStore, ct).ConfigureAwait(false);
    }

    private Command BuildKeygen()
    {
        var command = new Command("keygen", "Generate a checkpoint signing key (C2SP signed-note Ed25519) and print its verifier key.");
        var output = new Option<string?>("--out") { Description = "Signer key file to create (mode 0600); default ./bulwark-data/audit-signing.key" };
        var name = new Option<string?>("--name") { Description = "Key name (usually the log origin); default " + DefaultOrigin };
        command.Options.Add(output);
        command.Options.Add(name);
        command.SetAction(Guard((ParseResult pr, CancellationToken ct) =>
        {
            var path = pr.GetValue(output) ?? Path.Combine("bulwark-data", "audit-signing.key");
            if (File.Exists(path)) throw new CliUsageException($"'{path}' already exists; refusing to overwrite a signing key");
            NoteSigner signer;
            try { signer = NoteSigner.Generate(pr.GetValue(name) ?? DefaultOrigin); }
            catch (FormatException ex) { throw new CliUsageException(ex.Message); }
            using (signer)
            {
                AuditKeyFiles.WriteSecretFile(path, signer.ExportSignerKey() + "\n");
                _out.WriteLine(signer.VerifierKey);
                _err.WriteLine($"signer key written to {path} (keep it secret)");
            }
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    private static Option<string?> SigningKeyOption() =>
        new("--signing-key") { Description = "Signer key file; default ./bulwark-data/audit-signing.key" };

    private static NoteSigner LoadSigner(string? path)
    {
        path ??= Path.Combine("bulwark-data", "audit-signing.key");
        if (!File.Exists(path)) throw new CliUsageException($"signing key file '{path}' not found (create one with 'bulwark audit keygen')");
        try { return NoteSigner.Parse(File.ReadAllText(path).Trim()); }
        catch (FormatException ex) { throw new CliUsageException($"'{path}' is not a signer key: {ex.Message}"); }
    }

    private Command BuildKey()
    {
        var command = new Command("key", "Print the verifier key of the log's signing key (local key file, or --gateway).");
        var gateway = new Option<string?>("--gateway") { Description = "Base URL of a running gateway" };
        var adminKey = new Option<string?>("--admin-key") { Description = "Admin or auditor key for --gateway" };
        var signingKey = SigningKeyOption();
        command.Options.Add(gateway);
        command.Options.Add(adminKey);
        command.Options.Add(signingKey);
        command.SetAction(Guard(async (ParseResult pr, CancellationToken ct) =>
        {
            if (pr.GetValue(gateway) is { } url)
            {
                await using var source = new GatewayAuditSource(url, pr.GetValue(adminKey));
                _out.WriteLine((await source.GetTextAsync("audit/key", ct).ConfigureAwait(false)).Trim());
                return ExitCodes.Success;
            }
            using var signer = LoadSigner(pr.GetValue(signingKey));
            _out.WriteLine(signer.VerifierKey);
            return ExitCodes.Success;
        }));
        return command;
    }

    private Command BuildCheckpoint()
    {
        var command = new Command("checkpoint", "Sign a checkpoint of the store now (or, with --gateway, fetch the latest) and print it.");
        var o = AddSourceOptions(command);
        var signingKey = SigningKeyOption();
        var origin = new Option<string?>("--origin") { Description = "Checkpoint origin; default the origin of the latest checkpoint, else " + DefaultOrigin };
        command.Options.Add(signingKey);
        command.Options.Add(origin);
        command.SetAction(Guard(async (ParseResult pr, CancellationToken ct) =>
        {
            await using var source = await OpenSourceAsync(pr, o, ct).ConfigureAwait(false);
            if (source is GatewayAuditSource gw)
            {
                _out.Write(await gw.GetTextAsync("audit/checkpoint", ct).ConfigureAwait(false));
                return ExitCodes.Success;
            }
            var store = ((StoreAuditSource)source).Store;
            using var signer = LoadSigner(pr.GetValue(signingKey));
            var latest = await store.GetLatestCheckpointAsync(ct).ConfigureAwait(false);
            var originValue = pr.GetValue(origin) ?? (latest is null ? DefaultOrigin : latest.Note.Split('\n')[0]);
            using var checkpointer = new AuditCheckpointer(store, signer, originValue, TimeSpan.FromSeconds(10), int.MaxValue, TimeProvider.System, NullLogger<AuditCheckpointer>.Instance);
            var cp = await checkpointer.CheckpointAsync(ct).ConfigureAwait(false);
            _out.Write(cp.Note);
            return ExitCodes.Success;
        }));
        return command;
    }

    private Command BuildProve()
    {
        var command = new Command("prove", "Print (and check) the inclusion proof of one record in a checkpointed tree.");
        var o = AddSourceOptions(command);
        var index = new Option<long>("--index") { Description = "Leaf index (the bulwark-audit-index receipt)", Required = true };
        var size = new Option<long?>("--size") { Description = "Tree size; default the latest checkpoint's size" };
        var key = new Option<string?>("--key") { Description = "Verifier key: also check the checkpoint's signature" };
        command.Options.Add(index);
        command.Options.Add(size);
        command.Options.Add(key);
        command.SetAction(Guard(async (ParseResult pr, CancellationToken ct) =>
        {
            NoteVerifier? verifier = null;
            if (pr.GetValue(key) is { } k && !NoteVerifier.TryParse(k, out verifier, out var keyError)) throw new CliUsageException("--key: " + keyError);
            await using var source = await OpenSourceAsync(pr, o, ct).ConfigureAwait(false);
            var checkpoints = await source.GetCheckpointsAsync(ct).ConfigureAwait(false);
            var parsed = checkpoints.Select(n => SignedNote.TryParse(n, out var sn, out _) && Checkpoint.TryParseBody(sn!.Text, out var c, out _) ? (Note: n, Cp: c!, Signed: sn) : default)
                .Where(x => x.Cp is not null).ToList();
            if (parsed.Count == 0) throw new CliUsageException("the log has no checkpoint yet");
            var i = pr.GetValue(index);
            var n = pr.GetValue(size) ?? parsed[^1].Cp.Size;
            var match = parsed.LastOrDefault(p => p.Cp.Size == n);
            if (match.Cp is null) throw new CliUsageException($"no checkpoint at size {n}; checkpointed sizes: {string.Join(", ", parsed.Select(p => p.Cp.Size).Distinct().TakeLast(10))}");
            if (i < 0 || i >= n) throw new CliUsageException($"--index must be in [0, {n})");
            LogEntry? entry = null;
            await foreach (var e in source.ReadRecordsAsync(i, 1, ct).ConfigureAwait(false)) entry = e;
            if (entry is null || entry.Index != i) throw new CliUsageException($"record {i} is not in the log");
            var proof = await source.InclusionProofAsync(i, n, ct).ConfigureAwait(false);
            var leaf = MerkleHash.Leaf(entry.Data);
            var check = ProofVerifier.VerifyInclusion(leaf, i, n, proof, match.Cp.RootHash);
            var signatureOk = verifier is null ? (bool?)null : match.Signed!.IsSignedBy(verifier);
            var result = new JsonObject
            {
                ["index"] = i,
                ["size"] = n,
                ["leaf_hash"] = Convert.ToBase64String(leaf),
                ["root"] = Convert.ToBase64String(match.Cp.RootHash),
                ["proof"] = new JsonArray(proof.Select(p => (JsonNode)Convert.ToBase64String(p)).ToArray()),
                ["valid"] = check.Valid && signatureOk != false,
                ["checkpoint"] = match.Note,
            };
            if (!check.Valid) result["reason"] = check.Reason;
            if (signatureOk == false) result["reason"] = "checkpoint is not signed by the given key";
            _out.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return check.Valid && signatureOk != false ? ExitCodes.Success : ExitCodes.CheckFailed;
        }));
        return command;
    }

    private Command BuildExport()
    {
        var command = new Command("export", "Write the whole log (records and signed checkpoints) to one JSON-lines file for an auditor.");
        var o = AddSourceOptions(command);
        var output = new Option<string>("--out") { Description = "File to write", Required = true };
        var signingKey = SigningKeyOption();
        command.Options.Add(output);
        command.Options.Add(signingKey);
        command.SetAction(Guard(async (ParseResult pr, CancellationToken ct) =>
        {
            await using var source = await OpenSourceAsync(pr, o, ct).ConfigureAwait(false);
            var checkpoints = await source.GetCheckpointsAsync(ct).ConfigureAwait(false);
            var size = await source.GetSizeAsync(ct).ConfigureAwait(false);
            string verifierKey = "";
            if (source is GatewayAuditSource gw) verifierKey = (await gw.GetTextAsync("audit/key", ct).ConfigureAwait(false)).Trim();
            else if (File.Exists(pr.GetValue(signingKey) ?? Path.Combine("bulwark-data", "audit-signing.key")))
            {
                using var signer = LoadSigner(pr.GetValue(signingKey));
                verifierKey = signer.VerifierKey;
            }
            var origin = checkpoints.Count > 0 ? checkpoints[^1].Split('\n')[0] : DefaultOrigin;
            var path = pr.GetValue(output)!;
            long written = 0;
            await using (var writer = new AuditExportWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16)))
            {
                await writer.WriteHeaderAsync(new AuditExportHeader(origin, verifierKey, size, checkpoints.Count, DateTimeOffset.UtcNow), ct).ConfigureAwait(false);
                foreach (var c in checkpoints) await writer.WriteCheckpointAsync(c, ct).ConfigureAwait(false);
                await foreach (var e in source.ReadRecordsAsync(0, size, ct).ConfigureAwait(false))
                {
                    await writer.WriteRecordAsync(e.Index, e.Data, e.StoredLeafHash ?? MerkleHash.Leaf(e.Data), ct).ConfigureAwait(false);
                    written++;
                }
            }
            _err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exported {written} records and {checkpoints.Count} checkpoints to {path}"));
            return ExitCodes.Success;
        }));
        return command;
    }

    private Command BuildVerify()
    {
        var command = new Command("verify", "Check every record, every checkpoint signature and the consistency of successive checkpoints; name the first bad index.");
        var o = AddSourceOptions(command);
        var export = new Option<string?>("--export") { Description = "An export file written by 'bulwark audit export'" };
        var key = new Option<string>("--key") { Description = "The verifier key you trust (from 'bulwark audit key')", Required = true };
        var origin = new Option<string?>("--origin") { Description = "Expected checkpoint origin (default: whatever the first checkpoint says)" };
        var witnessKeys = new Option<string[]>("--witness-key") { Description = "A witness verifier key whose cosignature the latest checkpoint must carry (repeatable)" };
        var quorum = new Option<int?>("--quorum") { Description = "How many of the --witness-key witnesses must have cosigned the latest checkpoint; default all" };
        command.Options.Add(export);
        command.Options.Add(key);
        command.Options.Add(origin);
        command.Options.Add(witnessKeys);
        command.Options.Add(quorum);
        command.SetAction(Guard(async (ParseResult pr, CancellationToken ct) =>
        {
            if (!NoteVerifier.TryParse(pr.GetValue(key), out var verifier, out var keyError)) throw new CliUsageException("--key: " + keyError);
            var witnesses = (pr.GetValue(witnessKeys) ?? []).Select(k => WitnessVerifier.TryParse(k, out var w, out var e) ? w! : throw new CliUsageException("--witness-key: " + e)).ToArray();
            if (pr.GetValue(quorum) is { } q && (q < 0 || q > witnesses.Length)) throw new CliUsageException($"--quorum must be between 0 and the number of --witness-key ({witnesses.Length})");
            LogVerificationResult result;
            IReadOnlyList<string> notes;
            if (pr.GetValue(export) is { } path)
            {
                if (pr.GetValue(o.Store) is not null || pr.GetValue(o.Gateway) is not null) throw new CliUsageException("give one of --export, --store or --gateway");
                if (!File.Exists(path)) throw new CliUsageException($"export file '{path}' not found");
                AuditExportReader reader;
                try { reader = await AuditExportReader.OpenAsync(path, ct).ConfigureAwait(false); }
                catch (FormatException ex) { throw new CliUsageException($"'{path}' is not a readable audit export: {ex.Message}"); }
                using (reader)
                    result = await LogVerifier.VerifyAsync(reader.ReadRecordsAsync(ct), reader.Checkpoints, verifier!, pr.GetValue(origin), null, ct).ConfigureAwait(false);
                notes = reader.Checkpoints;
            }
            else
            {
                await using var source = await OpenSourceAsync(pr, o, ct).ConfigureAwait(false);
                var checkpoints = await source.GetCheckpointsAsync(ct).ConfigureAwait(false);
                var size = await source.GetSizeAsync(ct).ConfigureAwait(false);
                result = await LogVerifier.VerifyAsync(source.ReadRecordsAsync(0, long.MaxValue / 2, ct), checkpoints, verifier!, pr.GetValue(origin), source.Hints, ct).ConfigureAwait(false);
                _ = size;
                notes = checkpoints;
            }
            _out.WriteLine(result.ToString());
            if (!result.Valid) return ExitCodes.CheckFailed;
            if (witnesses.Length == 0) return ExitCodes.Success;
            var check = CosignatureCheck.Check(LatestCheckpoint(notes), witnesses, pr.GetValue(quorum));
            _out.WriteLine((check.QuorumMet ? "WITNESSED: " : "INVALID (witnesses): ") + check);
            return check.QuorumMet ? ExitCodes.Success : ExitCodes.CheckFailed;
        }));
        return command;
    }

    /// <summary>The checkpoint note with the largest size (and, among equal sizes, the most signatures).</summary>
    private static string LatestCheckpoint(IReadOnlyList<string> notes) => notes
        .Select(n => (Note: n, Ok: SignedNote.TryParse(n, out var sn, out _), Signed: sn))
        .Where(x => x.Ok && Checkpoint.TryParseBody(x.Signed!.Text, out _, out _))
        .OrderBy(x => long.Parse(x.Signed!.Text.Split('\n')[1], CultureInfo.InvariantCulture)).ThenBy(x => x.Signed!.Signatures.Count)
        .Select(x => x.Note)
        .LastOrDefault() ?? "";

    private Command BuildLoad()
    {
        var command = new Command("load", "Append synthetic records through the batching appender (load generator for tests and benchmarks); prints 'ack <index>' per durable record.")
        {
            Hidden = true,
        };
        var store = new Option<string?>("--store") { Description = "Audit store URI; default " + DefaultStore };
        var count = new Option<long>("--count") { Description = "Records to append", DefaultValueFactory = _ => 10_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrent callers", DefaultValueFactory = _ => 64 };
        var quiet = new Option<bool>("--quiet") { Description = "Print only the summary" };
        command.Options.Add(store);
        command.Options.Add(count);
        command.Options.Add(concurrency);
        command.Options.Add(quiet);
        command.SetAction(Guard(async (ParseResult pr, CancellationToken ct) =>
        {
            var total = pr.GetValue(count);
            var workers = Math.Clamp(pr.GetValue(concurrency), 1, 4096);
            var silent = pr.GetValue(quiet);
            await using var source = await StoreAuditSource.OpenAsync(pr.GetValue(store) ?? DefaultStore, ct, mustExist: false).ConfigureAwait(false);
            await using var appender = new BatchingAuditAppender(source.Store, new AuditOptions(), NullLogger<BatchingAuditAppender>.Instance);
            long next = -1;
            var gate = new object();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    var n = Interlocked.Increment(ref next);
                    if (n >= total) return;
                    var index = await appender.AppendAsync(SyntheticRecord(n), ct).ConfigureAwait(false);
                    if (!silent)
                    {
                        lock (gate)
                        {
                            _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ack {index} {n}"));
                            _out.Flush();
                        }
                    }
                }
            }, ct)).ToArray();
            await Task.WhenAll(tasks).ConfigureAwait(false);
            await appender.StopAsync(ct).ConfigureAwait(false);
            watch.Stop();
            _err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"appended {total} records in {watch.Elapsed.TotalSeconds:F2} s ({total / Math.Max(watch.Elapsed.TotalSeconds, 1e-9):F0} records/s)"));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The synthetic record number <paramref name="n"/>: a realistic-size canonical audit record.</summary>
    public static byte[] SyntheticRecord(long n)
    {
        var record = new AuditRecord
        {
            Kind = "request",
            Time = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(n),
            RequestId = "req_" + n.ToString("D12", CultureInfo.InvariantCulture),
            Principal = "load-" + (n % 17).ToString(CultureInfo.InvariantCulture),
            KeyId = "key_" + (n % 17).ToString(CultureInfo.InvariantCulture),
            Model = "bulwark-sim",
            Protocol = "openai",
            Route = "/v1/chat/completions",
            Outcome = "served",
            Status = 200,
            PromptCommitment = "hmac-sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(n))),
            DurationMs = n % 1000 / 10.0,
        };
        return record.ToCanonicalBytes();
    }
}
