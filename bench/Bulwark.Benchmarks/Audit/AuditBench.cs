using System.Diagnostics;
using System.Globalization;
using Bulwark.Audit.Export;
using Bulwark.Audit.Hashing;
using Bulwark.Audit.Notes;
using Bulwark.Audit.Tree;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Auditing.Stores;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bulwark.Benchmarks.Audit;

/// <summary>
/// Audit log end-to-end measurements (wall clock, not micro-benchmarks):
/// <c>--audit-throughput [--store URI] [--count N] [--concurrency C] [--batch B]</c>: durable appends/s through
/// <see cref="BatchingAuditAppender"/> (default: a fresh SQLite file in a temp folder);
/// <c>--audit-verify [--count N]</c>: time for <see cref="LogVerifier"/> to verify an export of N records (default 1,000,000).
/// Call from Program: <c>if (args.Contains("--audit-throughput") || args.Contains("--audit-verify")) return await AuditBench.RunAsync(args);</c>
/// </summary>
public static class AuditBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--audit-verify")) return await VerifyAsync(Long(args, "--count", 1_000_000)).ConfigureAwait(false);
        return await ThroughputAsync(Value(args, "--store"), Long(args, "--count", 200_000), (int)Long(args, "--concurrency", 1024), (int)Long(args, "--batch", 512)).ConfigureAwait(false);
    }

    /// <summary>A realistic audit record (about 400 bytes of canonical JSON).</summary>
    public static byte[] Record(long n) => new AuditRecord
    {
        Kind = "request",
        Time = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(n),
        RequestId = "req_" + n.ToString("D12", CultureInfo.InvariantCulture),
        Principal = "bench-" + (n % 17).ToString(CultureInfo.InvariantCulture),
        KeyId = "key_" + (n % 17).ToString(CultureInfo.InvariantCulture),
        Groups = ["research"],
        Model = "bulwark-sim",
        Protocol = "openai",
        Route = "/v1/chat/completions",
        PolicyName = "default",
        PolicyHash = "sha256:8f4e0c1d",
        Outcome = "served",
        Status = 200,
        Input = new AuditVerdict("allow", 0.02, [], [], [new AuditGuard("signatures", "allow", 0, [], null)]),
        PromptCommitment = "hmac-sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(n))),
        ResponseCommitment = "hmac-sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(~n))),
        PromptTokens = 42,
        CompletionTokens = 128,
        DurationMs = n % 1000 / 10.0,
    }.ToCanonicalBytes();

    private static async Task<int> ThroughputAsync(string? storeUri, long count, int concurrency, int batch)
    {
        var temp = Path.Combine(Path.GetTempPath(), "bulwark-bench-" + Guid.NewGuid().ToString("N")[..8]);
        storeUri ??= "sqlite://" + Path.Combine(temp, "bench.db");
        await using var store = AuditStoreFactory.Create(storeUri);
        await store.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
        var start = await store.GetSizeAsync(CancellationToken.None).ConfigureAwait(false);
        var records = Enumerable.Range(0, 4096).Select(i => Record(i)).ToArray();
        var appender = new BatchingAuditAppender(store, new AuditOptions { MaxBatch = batch, QueueCapacity = Math.Max(batch, 20_000) }, NullLogger<BatchingAuditAppender>.Instance);
        // Warm up (JIT, connection pool, schema) before the clock starts.
        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => appender.AppendAsync(records[i], CancellationToken.None).AsTask())).ConfigureAwait(false);
        long next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < count)
                await appender.AppendAsync(records[next & 4095], CancellationToken.None).ConfigureAwait(false);
        }))).ConfigureAwait(false);
        watch.Stop();
        await appender.StopAsync(CancellationToken.None).ConfigureAwait(false);
        var size = await store.GetSizeAsync(CancellationToken.None).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"audit append ({store.Name}): {count:N0} durable records in {watch.Elapsed.TotalSeconds:F2} s = {count / watch.Elapsed.TotalSeconds:N0} records/s (batch ≤ {batch}, {concurrency} concurrent callers, record {records[0].Length} bytes, log size {start:N0} → {size:N0})"));
        try { Directory.Delete(temp, true); } catch (IOException) { }
        return 0;
    }

    private static async Task<int> VerifyAsync(long count)
    {
        var temp = Path.Combine(Path.GetTempPath(), "bulwark-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(temp);
        var file = Path.Combine(temp, "export.jsonl");
        using var signer = NoteSigner.Generate("bench.bulwark/audit");
        // Pass 1: roots at every 100,000 records (and the end); pass 2: write the export.
        var every = 100_000L;
        var range = new CompactRange();
        var notes = new List<string>();
        for (long i = 0; i < count; i++)
        {
            range.Append(MerkleHash.Leaf(Record(i)));
            if ((i + 1) % every == 0 || i + 1 == count) notes.Add(new Checkpoint("bench.bulwark/audit", i + 1, range.Root()).Sign(signer));
        }
        await using (var writer = new AuditExportWriter(new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16)))
        {
            await writer.WriteHeaderAsync(new AuditExportHeader("bench.bulwark/audit", signer.VerifierKey, count, notes.Count, DateTimeOffset.UtcNow), CancellationToken.None).ConfigureAwait(false);
            foreach (var n in notes) await writer.WriteCheckpointAsync(n, CancellationToken.None).ConfigureAwait(false);
            for (long i = 0; i < count; i++)
            {
                var r = Record(i);
                await writer.WriteRecordAsync(i, r, MerkleHash.Leaf(r), CancellationToken.None).ConfigureAwait(false);
            }
        }
        var bytes = new FileInfo(file).Length;
        var watch = Stopwatch.StartNew();
        LogVerificationResult result;
        using (var reader = await AuditExportReader.OpenAsync(file, CancellationToken.None).ConfigureAwait(false))
            result = await LogVerifier.VerifyAsync(reader.ReadRecordsAsync(), reader.Checkpoints, NoteVerifier.Parse(signer.VerifierKey), null, null, CancellationToken.None).ConfigureAwait(false);
        watch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"audit verify (export, {bytes / 1e6:F0} MB): {count:N0} records, {notes.Count} checkpoints in {watch.Elapsed.TotalSeconds:F2} s = {count / watch.Elapsed.TotalSeconds:N0} records/s; {result}"));
        try { Directory.Delete(temp, true); } catch (IOException) { }
        return result.Valid ? 0 : 1;
    }

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static long Long(string[] args, string name, long fallback) =>
        Value(args, name) is { } v && long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : fallback;
}
