using Bulwark.Audit.Notes;

namespace Bulwark.Audit.Tests.Notes;

public class SignedNoteTests
{
    // The example from golang.org/x/mod/sumdb/note's documentation, used as data.
    private const string GoVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string GoSignerKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string GoText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string GoNote = GoText + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    [Fact]
    public void Sign_GoReferenceKey_ReproducesTheReferenceNoteByteForByte()
    {
        using var signer = NoteSigner.Parse(GoSignerKey);
        Assert.Equal(0xc74f20a3u, signer.KeyHash);
        Assert.Equal(GoVerifierKey, signer.VerifierKey);
        Assert.Equal(GoSignerKey, signer.ExportSignerKey());
        Assert.Equal(GoNote, signer.Sign(GoText));
    }

    [Fact]
    public void IsSignedBy_ReferenceNote_VerifiesAndRejectsEditedText()
    {
        var verifier = NoteVerifier.Parse(GoVerifierKey);
        Assert.True(SignedNote.TryParse(GoNote, out var note, out _));
        Assert.True(note!.IsSignedBy(verifier));
        Assert.True(SignedNote.TryParse(GoNote.Replace("problem,", "problem;", StringComparison.Ordinal), out var edited, out _));
        Assert.False(edited!.IsSignedBy(verifier));
    }

    [Fact]
    public void TryParse_VerifierKeyManglings_AreRejected()
    {
        for (var i = 0; i < GoVerifierKey.Length; i++)
        {
            var chars = GoVerifierKey.ToCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            var mangled = new string(chars);
            if (mangled == GoVerifierKey) continue;
            Assert.False(NoteVerifier.TryParse(mangled, out _, out _), mangled);
        }
        Assert.False(NoteVerifier.TryParse("", out _, out _));
        Assert.False(NoteVerifier.TryParse("PeterNeumann+c74f20a3", out _, out _));
    }

    [Fact]
    public void Generate_NewKey_RoundTripsThroughKeyStrings()
    {
        using var signer = NoteSigner.Generate("example.com/log");
        using var again = NoteSigner.Parse(signer.ExportSignerKey());
        var verifier = NoteVerifier.Parse(signer.VerifierKey);
        var note = again.Sign("hello\n");
        Assert.True(SignedNote.TryParse(note, out var parsed, out _));
        Assert.True(parsed!.IsSignedBy(verifier));
        using var other = NoteSigner.Generate("example.com/log");
        Assert.False(parsed.IsSignedBy(NoteVerifier.Parse(other.VerifierKey)));
    }

    [Fact]
    public void Checkpoint_SignAndOpen_RoundTripsAndChecksOrigin()
    {
        using var signer = NoteSigner.Generate("bulwark.test/audit");
        var cp = new Checkpoint("bulwark.test/audit", 42, new byte[32]);
        var note = cp.Sign(signer);
        Assert.StartsWith("bulwark.test/audit\n42\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n\u2014 bulwark.test/audit ", note);
        var verifier = NoteVerifier.Parse(signer.VerifierKey);
        Assert.True(Checkpoint.TryOpen(note, verifier, "bulwark.test/audit", out var opened, out var error), error);
        Assert.Equal(42, opened!.Size);
        Assert.False(Checkpoint.TryOpen(note, verifier, "other", out _, out _));
        Assert.False(Checkpoint.TryOpen(note.Replace("\n42\n", "\n43\n", StringComparison.Ordinal), verifier, null, out _, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no blank line\n")]
    [InlineData("text\n\nno dash sig\n")]
    [InlineData("text\n\n\u2014 name !!!notbase64\n")]
    [InlineData("text\n\n\u2014 name AAAA\n")]
    public void TryParse_MalformedNotes_FailWithReason(string note)
    {
        Assert.False(SignedNote.TryParse(note, out _, out var error));
        Assert.NotEmpty(error);
    }
}
