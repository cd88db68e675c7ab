using Bulwark.Audit.Export;
using Bulwark.Audit.Witness;

namespace Bulwark.Cli.Commands.Report;

/// <summary>What was verified before the report was computed: the log's verdict, the verified tree and the witness cosignatures on it.</summary>
internal sealed record ReportVerification(
    LogVerificationResult Log,
    string VerifierKey,
    string Origin,
    long TreeSize,
    string RootHash,
    CosignatureCheck? Witnesses)
{
    public bool Valid => Log.Valid && (Witnesses is null || Witnesses.QuorumMet);

    public string Reason => !Log.Valid ? Log.ToString() : Witnesses is { QuorumMet: false } w ? "INVALID (witnesses): " + w : Log.ToString();
}
