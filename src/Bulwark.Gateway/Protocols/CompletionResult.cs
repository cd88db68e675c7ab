using Bulwark.Gateway.Protocols.Tools;

namespace Bulwark.Gateway.Protocols;

/// <summary>
/// A finished, non-streamed answer: the released text and tool calls of choice 0 (empty when blocked) and how it ended.
/// With n &gt; 1, <see cref="Choices"/> holds every choice, 0 included; protocols without choices read choice 0 only.
/// </summary>
public sealed record CompletionResult(string Model, string Text, string FinishReason, int PromptTokens, int CompletionTokens, BulwarkInfo? Bulwark)
{
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>The upstream's usage and answer fields, written unchanged when the upstream speaks the client's protocol.</summary>
    public Upstreams.UpstreamDetails? Details { get; init; }

    /// <summary>Log probabilities of choice 0's released text, in OpenAI's logprobs.content form, or null.</summary>
    public System.Text.Json.Nodes.JsonArray? Logprobs { get; init; }

    /// <summary>The model's thinking blocks, past the output guards (empty when blocked), for protocols that show them.</summary>
    public IReadOnlyList<ThinkingBlock> Thinking { get; init; } = [];

    /// <summary>Every choice, when there are several; empty for a single-choice answer (read the fields above).</summary>
    public IReadOnlyList<CompletionChoice> Choices { get; init; } = [];

    /// <summary>The choices to write: <see cref="Choices"/>, or choice 0 made from the fields above.</summary>
    public IReadOnlyList<CompletionChoice> AllChoices =>
        Choices.Count > 0 ? Choices : [new CompletionChoice(0, Text, FinishReason, ToolCalls, Logprobs)];
}
