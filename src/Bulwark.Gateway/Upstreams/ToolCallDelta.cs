namespace Bulwark.Gateway.Upstreams;

/// <summary>
/// A piece of a tool call the model is making: the call at <see cref="Index"/> gets its id and name once and its
/// JSON arguments in pieces (OpenAI tool_calls deltas, Anthropic input_json_delta), or whole from a document.
/// </summary>
public sealed record ToolCallDelta(int Index, string? Id, string? Name, string Arguments) : UpstreamEvent
{
    /// <summary>The choice the call belongs to (0 unless the caller asked for n &gt; 1).</summary>
    public int Choice { get; init; }
}
