using System.Diagnostics;
using System.Globalization;
using Bulwark.Audit.Hashing;
using Bulwark.Audit.Proofs;
using Bulwark.Audit.Tree;
using Bulwark.Cli.Commands.Audit;
using Bulwark.Gateway.Auditing.Stores;
using Microsoft.Data.Sqlite;

namespace Bulwark.Cli.Tests.Audit;

public class AuditCrashTests
{
    [Fact]
    public async Task Append_ProcessKilledMidBatch_EveryAcknowledgedRecordSurvivesIntactAndNoHalfLeaf()
    {
        var dir = Path.Combine(Path.GetTempPath(), "bulwark-crash-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var db = Path.Combine(dir, "bulwark.db");
        var cli = Path.Combine(AppContext.BaseDirectory, "bulwark.dll");
        Assert.True(File.Exists(cli), "the CLI is built next to the tests");

        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "exec", cli, "audit", "load", "--store", "sqlite://" + db, "--count", "100000000", "--concurrency", "256" }) psi.ArgumentList.Add(a);
        using var child = Process.Start(psi)!;
        _ = child.StandardError.ReadToEndAsync();
        var acked = new Dictionary<long, long>();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
        {
            while (acked.Count < 3000)
            {
                var line = await child.StandardOutput.ReadLineAsync(timeout.Token);
                Assert.NotNull(line);
                var parts = line!.Split(' ');
                acked[long.Parse(parts[1], CultureInfo.InvariantCulture)] = long.Parse(parts[2], CultureInfo.InvariantCulture);
            }
        }
        child.Kill(); // SIGKILL on Unix: no drain, no cleanup, batches in flight.
        await child.WaitForExitAsync();
        Assert.False(child.ExitCode == 0);

        SqliteConnection.ClearAllPools();
        await using var store = new SqliteAuditStore(db);
        await store.InitializeAsync(CancellationToken.None);
        var size = await store.GetSizeAsync(CancellationToken.None);
        Assert.True(size >= acked.Count);
        var leaves = await store.ReadLeavesAsync(0, (int)size, CancellationToken.None);
        Assert.Equal(size, leaves.Count);
        for (var i = 0; i < leaves.Count; i++)
        {
            Assert.Equal(i, leaves[i].Index);
            Assert.Equal(MerkleHash.Leaf(leaves[i].Data), leaves[i].LeafHash);
        }
        foreach (var (index, n) in acked) Assert.Equal(AuditCommand.SyntheticRecord(n), leaves[(int)index].Data);
        // The tree cache was committed with the leaves: the root from stored nodes equals the recomputed root.
        Assert.Equal(ProofVerifier.RootFromLeaves(leaves.Select(l => l.Data)), await ProofBuilder.RootAsync(store, size, CancellationToken.None));
        // And the log keeps going after the crash.
        Assert.Equal(size, await store.AppendAsync([new byte[] { 1 }], CancellationToken.None));
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }
}
