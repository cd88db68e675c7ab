namespace Bulwark.Core.Conversations;

/// <summary>
/// The protocol-neutral request: what both the OpenAI and the Anthropic adapters map to,
/// and what guards inspect.
/// </summary>
public sealed record Conversation(string Model, IReadOnlyList<ConversationMessage> Messages)
{
    /// <summary>The caller's requested output bound (max_tokens), if any.</summary>
    public int? MaxTokens { get; init; }

    public bool Stream { get; init; }

    /// <summary>How many separate answers the caller asked for (OpenAI "n").</summary>
    public int Choices { get; init; } = 1;

    /// <summary>The tools offered to the model (function tools), in the caller's order.</summary>
    public IReadOnlyList<ToolDefinition> Tools { get; init; } = [];

    /// <summary>How the model may use the tools, protocol-neutral: "auto", "none", "required", or "tool:NAME".</summary>
    public string? ToolChoice { get; init; }

    /// <summary>The last user message, which input guards weigh most.</summary>
    public ConversationMessage? LastUser => Messages.LastOrDefault(m => m.Role == MessageRole.User);

    public int TotalCharacters => Messages.Sum(m => m.Parts.Sum(p => p.Text.Length));

    public static Conversation SingleUser(string text, string model = "scan") =>
        new(model, [ConversationMessage.FromText(MessageRole.User, text)]);
}
