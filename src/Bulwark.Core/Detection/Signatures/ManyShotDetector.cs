namespace Bulwark.Core.Detection.Signatures;

/// <summary>
/// Counts fabricated dialogue turns in one text: lines that start with a speaker label (User:, Human:, Q:,
/// Assistant:, AI:, A:, Bot:, Model:). Many-shot jailbreaks pack dozens of such turns into a single message.
/// </summary>
public static class ManyShotDetector
{
    /// <summary>Turns needed for a weak hit and for a strong one.</summary>
    public const int WeakTurns = 12;
    public const int StrongTurns = 40;

    /// <summary>Returns 0 (none), the weak weight or the strong weight for the text.</summary>
    public static double Score(string text)
    {
        var (user, assistant) = CountTurns(text);
        var turns = user + assistant;
        if (user < 3 || assistant < 3) return 0;
        if (turns >= StrongTurns) return 0.85;
        if (turns >= WeakTurns) return 0.55;
        return 0;
    }

    public static (int User, int Assistant) CountTurns(ReadOnlySpan<char> text)
    {
        int user = 0, assistant = 0;
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n') { lineStart = true; continue; }
            if (!lineStart) continue;
            if (c is ' ' or '\t' or '\r' or '*' or '#' or '>' or '-') continue;
            lineStart = false;
            var rest = text[i..];
            var colon = rest.IndexOf(':');
            if (colon is < 1 or > 10) continue;
            var label = rest[..colon].Trim().TrimEnd('*');
            if (Is(label, "user") || Is(label, "human") || Is(label, "q") || Is(label, "question")) user++;
            else if (Is(label, "assistant") || Is(label, "ai") || Is(label, "a") || Is(label, "bot") || Is(label, "model") || Is(label, "answer") || Is(label, "gpt")) assistant++;
        }
        return (user, assistant);
    }

    private static bool Is(ReadOnlySpan<char> label, string name) => label.Equals(name, StringComparison.OrdinalIgnoreCase);
}
