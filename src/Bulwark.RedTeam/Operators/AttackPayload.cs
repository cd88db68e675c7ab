namespace Bulwark.RedTeam.Operators;

/// <summary>
/// What an attack sends. <see cref="Text"/> is the final user message; <see cref="Context"/> are the turns placed before
/// it in the same request (fake dialogue, tool calls and results, documents); <see cref="Lead"/> are user messages played
/// one request at a time before the final one, each with the answers received so far (multi-turn escalation).
/// </summary>
public sealed record AttackPayload(string Text, IReadOnlyList<ChatTurn> Context, IReadOnlyList<string> Lead)
{
    public static AttackPayload Plain(string text) => new(text, [], []);

    /// <summary>Number of requests the attack takes.</summary>
    public int Turns => Lead.Count + 1;

    /// <summary>All the text the attack carries, for reports.</summary>
    public string Describe() =>
        string.Join("\n", Lead.Select(l => "[turn] " + l).Concat(Context.Select(c => $"[{c.Kind}] {c.Text}")).Append(Text));
}
