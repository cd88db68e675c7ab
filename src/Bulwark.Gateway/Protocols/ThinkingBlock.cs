namespace Bulwark.Gateway.Protocols;

/// <summary>A finished thinking block of an answer: its text and signature, or a redacted block's encrypted data.</summary>
public sealed record ThinkingBlock(string Thinking, string? Signature, string? RedactedData = null);
