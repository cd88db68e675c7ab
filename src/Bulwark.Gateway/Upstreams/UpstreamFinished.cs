namespace Bulwark.Gateway.Upstreams;

/// <summary>The upstream ended its answer normally. <see cref="FinishReason"/> is protocol-neutral: "stop", "length" or "tool_calls".</summary>
public sealed record UpstreamFinished(string FinishReason, int? PromptTokens, int? CompletionTokens) : UpstreamEvent
{
    /// <summary>The upstream's usage and other answer fields in its wire form, to pass back unchanged (null for the simulator).</summary>
    public UpstreamDetails? Details { get; init; }
}
