using System.Text;
using Bulwark.Core.Guards;
using Bulwark.Gateway.Protocols;
using Bulwark.Gateway.Upstreams;

namespace Bulwark.Gateway.Pipeline;

/// <summary>
/// The model's thinking blocks of one answer on their way through the output guards, with a gate of their own (the
/// client reads thinking as model output). A thinking block is signed by the upstream, so it can only be released
/// unchanged: a Redact verdict withholds it, as a block does. Redacted thinking is encrypted (no text to scan) and
/// passes as it came.
/// </summary>
public sealed class AnswerThinking(OutputGate gate)
{
    private readonly StringBuilder _current = new();

    public OutputGate Gate => gate;

    /// <summary>The finished blocks, in order (whole answers).</summary>
    public List<ThinkingBlock> Blocks { get; } = [];

    /// <summary>Collects a piece of a whole answer's thinking; its text goes to the gate, one block after another.</summary>
    public void Collect(ThinkingDelta delta)
    {
        if (delta.RedactedData is { } data)
        {
            Blocks.Add(new ThinkingBlock("", null, data));
        }
        else if (delta.Signature is { } signature)
        {
            Blocks.Add(new ThinkingBlock(_current.ToString(), signature));
            _current.Clear();
            gate.Add("\n\n");
        }
        else
        {
            _current.Append(delta.Text);
            gate.Add(delta.Text);
        }
    }

    /// <summary>Whether a scan result may be released as thinking: it passed, and unchanged (no redaction).</summary>
    public static bool Releasable(GateResult scan) => !scan.Blocked && scan.Verdict?.Action is not GuardAction.Redact;

    /// <summary>The verdict that withholds thinking: the block, or a redaction turned into one.</summary>
    public static Verdict Withholding(GateResult scan) =>
        scan.Blocked ? scan.Verdict! : scan.Verdict! with { Action = GuardAction.Block };
}
