namespace Bulwark.Gateway.Upstreams;

/// <summary>
/// The upstream ended its answer normally. <see cref="FinishReason"/> is protocol-neutral ("stop", "length" or
/// "tool_calls") and is choice 0's; with n &gt; 1 every choice's own reason is in <see cref="ChoiceFinishReasons"/>.
/// </summary>
public sealed record UpstreamFinished(string FinishReason, int? PromptTokens, int? CompletionTokens) : UpstreamEvent
{
    /// <summary>The upstream's usage and other answer fields in its wire form, to pass back unchanged (null for the simulator).</summary>
    public UpstreamDetails? Details { get; init; }

    /// <summary>The finish reason of each choice, by index, when the upstream sent several.</summary>
    public IReadOnlyDictionary<int, string> ChoiceFinishReasons { get; init; } = new Dictionary<int, string>();

    /// <summary>The finish reason of choice <paramref name="choice"/>.</summary>
    public string FinishReasonOf(int choice) => ChoiceFinishReasons.TryGetValue(choice, out var reason) ? reason : FinishReason;
}
