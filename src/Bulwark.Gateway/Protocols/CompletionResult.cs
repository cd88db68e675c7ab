using Bulwark.Gateway.Protocols.Tools;

namespace Bulwark.Gateway.Protocols;

/// <summary>A finished, non-streamed answer: the released text and tool calls (empty when blocked) and how it ended.</summary>
public sealed record CompletionResult(string Model, string Text, string FinishReason, int PromptTokens, int CompletionTokens, BulwarkInfo? Bulwark)
{
    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    /// <summary>The upstream's usage and answer fields, written unchanged when the upstream speaks the client's protocol.</summary>
    public Upstreams.UpstreamDetails? Details { get; init; }
}
