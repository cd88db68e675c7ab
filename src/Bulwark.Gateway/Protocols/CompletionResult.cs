namespace Bulwark.Gateway.Protocols;

/// <summary>A finished, non-streamed answer: the released text (empty when blocked) and how it ended.</summary>
public sealed record CompletionResult(string Model, string Text, string FinishReason, int PromptTokens, int CompletionTokens, BulwarkInfo? Bulwark);
