using Bulwark.Core.Guards;
using Bulwark.Gateway.Streaming;
using Bulwark.Gateway.Upstreams;

namespace Bulwark.Gateway.Pipeline;

/// <summary>
/// One choice of an answer (one of n) on its way through the output guards: its own gate for the text, its tool
/// calls held until checked, its log probabilities held until their text is released, and its verdict once blocked.
/// A blocked choice is halted alone; the others go on.
/// </summary>
public sealed class AnswerChoice(int index, Func<OutputGate> newGate)
{
    private readonly OutputGate _gate = newGate();
    private AnswerThinking? _thinking;

    public int Index => index;

    public OutputGate Gate => _gate;

    public ToolCallAssembler Calls { get; } = new();

    public LogprobQueue Logprobs { get; } = new();

    /// <summary>The choice's thinking (Anthropic thinking blocks), with its own gate, made on first use.</summary>
    public AnswerThinking Thinking => _thinking ??= new AnswerThinking(newGate());

    /// <summary>Whether the upstream sent any thinking.</summary>
    public bool HasThinking => _thinking is not null;

    /// <summary>The verdict that halted this choice, or null while it may still be released.</summary>
    public Verdict? Blocked { get; private set; }

    /// <summary>The name of the tool whose call blocked the choice, if it was one.</summary>
    public string? BlockedTool { get; private set; }

    /// <summary>The choice's checked tool calls (empty until checked, and when blocked).</summary>
    public IReadOnlyList<Protocols.Tools.ToolCall> ToolCalls { get; private set; } = [];

    /// <summary>The text released to the client, or "" when the choice was blocked in a whole answer.</summary>
    public string Released => _gate.Released;

    public void Add(TextDelta delta)
    {
        _gate.Add(delta.Text);
        Logprobs.Add(delta.Logprobs);
    }

    public void Block(Verdict verdict, string? tool = null)
    {
        Blocked = verdict;
        BlockedTool = tool;
        Logprobs.Withhold();
    }

    /// <summary>After a release: logprobs stop for good once the gate has redacted (the released text is no longer the model's).</summary>
    public void AfterRelease()
    {
        if (_gate.Worst is { Action: >= GuardAction.Redact }) Logprobs.Withhold();
    }

    public void Accept(ToolCheck check)
    {
        if (check.Verdict is { } verdict) Block(verdict, check.BlockedTool);
        else ToolCalls = check.Calls ?? [];
        AllCalls = check.Calls ?? [];
    }

    /// <summary>Every call the model made in this choice, blocked or not (names for the audit record).</summary>
    public IReadOnlyList<Protocols.Tools.ToolCall> AllCalls { get; private set; } = [];
}
