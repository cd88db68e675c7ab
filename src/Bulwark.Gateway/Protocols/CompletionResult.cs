using Bulwark.Gateway.Protocols.Tools;

namespace Bulwark.Gateway.Protocols;

/// <summary>A finished, non-streamed answer: the released text and tool calls (empty when blocked) and how it ended.</summary>
public sealed record CompletionResult(string Model, string Text, string FinishReason, int PromptTokens, int CompletionTokens, BulwarkInfo? Bulwark)
{
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];
}
