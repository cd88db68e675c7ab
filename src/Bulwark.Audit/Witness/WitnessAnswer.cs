namespace Bulwark.Audit.Witness;

/// <summary>A witness's HTTP answer to add-checkpoint: status, body and content type (C2SP tlog-witness).</summary>
public sealed record WitnessAnswer(int Status, string Body, string ContentType = WitnessAnswer.TextPlain)
{
    public const string TextPlain = "text/plain; charset=utf-8";
    public const string TlogSize = "text/x.tlog.size";
}
