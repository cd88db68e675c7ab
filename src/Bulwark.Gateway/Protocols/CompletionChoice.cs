using System.Text.Json.Nodes;
using Bulwark.Gateway.Protocols.Tools;

namespace Bulwark.Gateway.Protocols;

/// <summary>
/// One choice of a finished answer: its released text and tool calls (empty when blocked), how it ended, and the
/// log probabilities of its released text (null when the upstream sent none or the choice was blocked or redacted).
/// </summary>
public sealed record CompletionChoice(int Index, string Text, string FinishReason, IReadOnlyList<ToolCall> ToolCalls, JsonArray? Logprobs);
