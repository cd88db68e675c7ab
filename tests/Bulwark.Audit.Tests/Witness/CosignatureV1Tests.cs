using System.Text;
using Bulwark.Audit.Notes;
using Bulwark.Audit.Witness;

namespace Bulwark.Audit.Tests.Witness;

public sealed class CosignatureV1Tests
{
    // The example checkpoint of C2SP tlog-cosignature, with its log signature and one witness cosignature.
    private const string SpecNote =
        "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n" +
        "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n" +
        "\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n";

    [Fact]
    public void SpecExample_CosignatureLine_CarriesKeyIdAndTheTimestampOfTheSpecMessage()
    {
        Assert.True(SignedNote.TryParse(SpecNote, out var note, out var error), error);
        var cosig = note!.Signatures.Single(s => s.Name == "witness.example.com/w1");
        Assert.Equal(0x8d66cf3fu, cosig.KeyHash);
        Assert.Equal(CosignatureV1.SignatureBlobLength - 4, cosig.Signature.Length);
        Assert.True(CosignatureV1.TryReadTimestamp(cosig.Signature, out var timestamp));
        Assert.Equal(1679315147, timestamp);
    }

    [Fact]
    public void Message_SpecExample_IsHeaderTimeLineThenTheCheckpointBody()
    {
        var body = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
        var expected = "cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
        Assert.Equal(expected, Encoding.UTF8.GetString(CosignatureV1.Message(body, 1679315147)));
    }

    [Fact]
    public void AddCheckpointRequest_SpecExample_Parses()
    {
        var body = "old 20852014\nPlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\njrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=\n"
                 + "5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=\n/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=\n\n"
                 + "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n"
                 + "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
                 + "\u2014 example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=\n";
        Assert.True(AddCheckpointRequest.TryParse(body, out var request, out var error), error);
        Assert.Equal(20852014, request!.OldSize);
        Assert.Equal(4, request.Proof.Count);
        Assert.True(SignedNote.TryParse(request.Checkpoint, out var note, out error), error);
        Assert.Equal(2, note!.Signatures.Count);
        Assert.Equal(body, request.Format());
    }

    [Theory]
    [InlineData("old 01\n\nx")]
    [InlineData("new 1\n\nx")]
    [InlineData("old 1\nnot-base64!\n\nx")]
    [InlineData("old 1\nAAAA\n\nx")]
    [InlineData("old 1\nx")]
    public void AddCheckpointRequest_Malformed_IsRejected(string body) =>
        Assert.False(AddCheckpointRequest.TryParse(body, out _, out _));

    [Fact]
    public void Cosign_ThenVerify_RoundTripsAndRejectsOtherKeysAndBodies()
    {
        using var witness = WitnessSigner.Generate("witness.test/w1");
        using var other = WitnessSigner.Generate("witness.test/w1");
        using var log = NoteSigner.Generate("log.test");
        var body = "log.test\n3\n" + Convert.ToBase64String(new byte[32]) + "\n";
        var note = log.Sign(body) + witness.Cosign(body, 1700000000);
        var verifier = WitnessVerifier.Parse(witness.VerifierKey);
        Assert.True(SignedNote.TryParse(note, out var parsed, out _));
        Assert.Equal(1700000000, verifier.VerifiedTimestamp(parsed!));
        Assert.Null(WitnessVerifier.Parse(other.VerifierKey).VerifiedTimestamp(parsed!));
        Assert.True(parsed!.IsSignedBy(NoteVerifier.Parse(log.VerifierKey)));
        var forged = note.Replace("\n3\n", "\n4\n", StringComparison.Ordinal);
        Assert.True(SignedNote.TryParse(forged, out var f, out _));
        Assert.Null(verifier.VerifiedTimestamp(f!));
        using var reparsed = WitnessSigner.Parse(witness.ExportSignerKey());
        Assert.Equal(witness.VerifierKey, reparsed.VerifierKey);
        Assert.StartsWith("witness.test/w1+", witness.VerifierKey, StringComparison.Ordinal);
        Assert.False(WitnessVerifier.TryParse(log.VerifierKey, out _, out _));
    }
}
