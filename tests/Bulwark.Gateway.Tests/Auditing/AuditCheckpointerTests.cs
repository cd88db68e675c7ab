using Bulwark.Audit.Notes;
using Bulwark.Audit.Proofs;
using Bulwark.Gateway.Auditing;
using Bulwark.Gateway.Auditing.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bulwark.Gateway.Tests.Auditing;

public sealed class AuditCheckpointerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bulwark-cp-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task CheckpointAsync_AfterAppends_SignsTheStoreRootOnceUntilTheTreeGrows()
    {
        await using var store = new SqliteAuditStore(Path.Combine(_dir, "a.db"));
        await store.InitializeAsync(CancellationToken.None);
        using var signer = NoteSigner.Generate("test.local/audit");
        using var cp = new AuditCheckpointer(store, signer, "test.local/audit", TimeSpan.FromSeconds(10), 100, TimeProvider.System, NullLogger<AuditCheckpointer>.Instance);

        var empty = await cp.CheckpointAsync(CancellationToken.None);
        Assert.Equal(0, empty.Size);
        var records = Enumerable.Range(0, 13).Select(i => (ReadOnlyMemory<byte>)new[] { (byte)i }).ToArray();
        await store.AppendAsync(records, CancellationToken.None);
        var signed = await cp.CheckpointAsync(CancellationToken.None);
        Assert.Equal(13, signed.Size);
        Assert.True(Checkpoint.TryOpen(signed.Note, NoteVerifier.Parse(cp.VerifierKey), "test.local/audit", out var opened, out var error), error);
        Assert.Equal(ProofVerifier.RootFromLeaves(records.Select(r => r.ToArray())), opened!.RootHash);
        var again = await cp.CheckpointAsync(CancellationToken.None);
        Assert.Equal(signed.Note, again.Note);
        Assert.Equal(2, (await store.ListCheckpointsAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public void LoadOrCreateSigner_FirstStart_CreatesAnOwnerOnlyKeyFileAndReloadsTheSameKey()
    {
        var path = Path.Combine(_dir, "keys", "audit-signing.key");
        using var first = AuditKeyFiles.LoadOrCreateSigner(path, "test.local/audit");
        using var second = AuditKeyFiles.LoadOrCreateSigner(path, "ignored");
        Assert.Equal(first.VerifierKey, second.VerifierKey);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var secret = AuditKeyFiles.LoadOrCreateSecret(Path.Combine(_dir, "keys", "audit-hmac.key"));
        Assert.Equal(32, secret.Length);
        Assert.Equal(secret, AuditKeyFiles.LoadOrCreateSecret(Path.Combine(_dir, "keys", "audit-hmac.key")));
    }

    [Fact]
    public void LoadOrCreateSigner_CorruptFile_FailsAtStartup()
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "bad.key");
        File.WriteAllText(path, "not a key");
        Assert.Throws<InvalidOperationException>(() => AuditKeyFiles.LoadOrCreateSigner(path, "x"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
