using System.Text.Json.Nodes;

namespace Bulwark.Gateway.Upstreams;

/// <summary>A piece of answer text of choice <see cref="Choice"/> (0 unless the caller asked for n &gt; 1).</summary>
public sealed record TextDelta(string Text) : UpstreamEvent
{
    public int Choice { get; init; }

    /// <summary>
    /// The upstream's log probabilities for the tokens of this piece (OpenAI <c>logprobs.content[]</c> entries, in its wire
    /// form), or null. They carry the tokens' text, so they are released only with the text they belong to.
    /// </summary>
    public JsonArray? Logprobs { get; init; }
}
