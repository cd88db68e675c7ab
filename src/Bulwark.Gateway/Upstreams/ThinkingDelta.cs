namespace Bulwark.Gateway.Upstreams;

/// <summary>
/// A piece of the model's extended thinking (Anthropic thinking blocks), which the client sees as model output: a
/// piece of <see cref="Text"/>; or, with <see cref="Signature"/>, the end of the current thinking block and its
/// signature (kept unchanged, the upstream checks it when the block is sent back); or, with <see cref="RedactedData"/>,
/// a whole redacted_thinking block (encrypted, no readable text).
/// </summary>
public sealed record ThinkingDelta(string Text) : UpstreamEvent
{
    public string? Signature { get; init; }

    public string? RedactedData { get; init; }
}
