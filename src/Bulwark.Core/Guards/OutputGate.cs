using System.Text;
using Bulwark.Core.Conversations;
using Bulwark.Core.Policies;

namespace Bulwark.Core.Guards;

/// <summary>
/// Holds back answer text until the output guards have passed it. Text is added as it arrives; once a window plus
/// the hold-back margin is pending (or the answer is complete) all pending text is scanned — with the text released
/// just before it as context — and, if it passes, released except for the last hold-back characters, which are
/// scanned again with the next window. So a harmful phrase up to the hold-back length is always seen whole before
/// any part of it leaves, and nothing leaves the gate unscanned. A Redact verdict (PII) releases the text with each value
/// replaced by a placeholder numbered for the whole answer ([EMAIL_1]); a value that straddles the release point is held
/// back whole, so a value split across chunks (up to the hold-back length) is never released in part.
/// </summary>
public sealed class OutputGate(GuardPipeline guards, Policy policy, Conversation conversation, CallerInfo caller, string requestId)
{
    private readonly StringBuilder _pending = new();
    private readonly StringBuilder _released = new();
    private readonly int _window = policy.Definition.StreamWindowCharacters;
    private readonly int _holdback = policy.Definition.StreamHoldbackCharacters;
    private readonly RedactionMap _placeholders = new();
    private Verdict? _worst;
    private double _guardMs;
    private int _windows;

    public string Released => _released.ToString();

    public int ReleasedLength => _released.Length;

    public int PendingLength => _pending.Length;

    /// <summary>The most severe verdict over all windows (null before the first scan).</summary>
    public Verdict? Worst => _worst;

    public double GuardMilliseconds => _guardMs;

    public int Windows => _windows;

    public bool HasFullWindow => _pending.Length >= _window + _holdback;

    public void Add(string text) => _pending.Append(text);

    /// <summary>
    /// Scans all pending text and returns what may be released (all of it when <paramref name="final"/>; otherwise up
    /// to a word boundary before the hold-back margin), or a blocking verdict.
    /// </summary>
    public async ValueTask<GateResult> ScanAsync(bool final, CancellationToken cancellationToken)
    {
        if (_pending.Length == 0 && !final) return new GateResult("", null);
        if (policy.OutputGuards.Count == 0)
        {
            var all = Take(_pending.Length);
            return new GateResult(all, null);
        }

        var cut = final ? _pending.Length : CutPoint();
        var window = _pending.ToString();
        // Guards see the window after at most OutputContextCharacters of released text: copying the whole answer for
        // every window would make a long stream quadratic.
        var tail = Math.Min(_released.Length, GuardPipeline.OutputContextCharacters);
        var soFar = _released.ToString(_released.Length - tail, tail) + window;
        var verdict = await guards.EvaluateOutputAsync(policy, conversation, soFar, window, final, caller, requestId, cancellationToken).ConfigureAwait(false);
        _windows++;
        _guardMs += verdict.Milliseconds;
        if (_worst is null || verdict.Action > _worst.Action || (verdict.Action == _worst.Action && verdict.Score > _worst.Score)) _worst = verdict;
        if (verdict.IsBlocked)
        {
            _pending.Clear();
            return new GateResult(null, verdict);
        }
        return new GateResult(verdict.Action == GuardAction.Redact ? TakeRedacted(cut, verdict.Redactions) : Take(cut), verdict);
    }

    /// <summary>Releases up to <paramref name="cut"/> characters with every value masked; a value crossing the cut stays pending whole.</summary>
    private string TakeRedacted(int cut, IReadOnlyList<Redaction> redactions)
    {
        var pending = _pending.ToString();
        for (var moved = true; moved;)
        {
            moved = false;
            foreach (var r in redactions)
            {
                for (var at = pending.IndexOf(r.Value, StringComparison.Ordinal); at >= 0 && at < cut; at = pending.IndexOf(r.Value, at + 1, StringComparison.Ordinal))
                {
                    if (at + r.Value.Length > cut) { cut = at; moved = true; }
                }
            }
        }
        var text = pending[..cut];
        _pending.Remove(0, cut);
        // Placeholders are numbered per answer, not per window: the same value keeps its placeholder throughout.
        var numbered = redactions.Select(r => _placeholders.Add(r.Value, r.Type)).ToArray();
        var released = Redactor.Apply(text, numbered);
        _released.Append(released);
        return released;
    }

    /// <summary>
    /// Scans one complete tool call as output (<paramref name="text"/>: its name and arguments as the model wrote them),
    /// with the text released so far as context. The call is released only if this passes; a Redact verdict withholds it,
    /// as a block.
    /// </summary>
    public async ValueTask<Verdict> ScanToolCallAsync(string text, CancellationToken cancellationToken)
    {
        if (policy.OutputGuards.Count == 0) return Verdict.Allowed(GuardStage.Output);
        var tail = Math.Min(_released.Length, GuardPipeline.OutputContextCharacters);
        var verdict = await guards.EvaluateOutputAsync(policy, conversation, _released.ToString(_released.Length - tail, tail) + text, text, true, caller, requestId, cancellationToken).ConfigureAwait(false);
        _windows++;
        _guardMs += verdict.Milliseconds;
        if (_worst is null || verdict.Action > _worst.Action || (verdict.Action == _worst.Action && verdict.Score > _worst.Score)) _worst = verdict;
        return verdict.Action == GuardAction.Redact ? verdict with { Action = GuardAction.Block } : verdict;
    }

    private string Take(int count)
    {
        var text = _pending.ToString(0, count);
        _pending.Remove(0, count);
        _released.Append(text);
        return text;
    }

    /// <summary>How much to release: up to the hold-back margin, ending after whitespace when the window has any.</summary>
    private int CutPoint()
    {
        var limit = Math.Max(0, _pending.Length - _holdback);
        for (var i = limit - 1; i >= limit / 2; i--)
        {
            if (char.IsWhiteSpace(_pending[i])) return i + 1;
        }
        return limit;
    }
}
