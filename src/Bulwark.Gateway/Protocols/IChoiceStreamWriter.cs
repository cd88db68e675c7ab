using System.Text.Json.Nodes;

namespace Bulwark.Gateway.Protocols;

/// <summary>
/// A stream writer for a protocol whose answers have several choices and log probabilities (OpenAI chat completions).
/// Choice 0 is also written through <see cref="IClientStreamWriter"/>; <see cref="IClientStreamWriter.FinishAsync"/>
/// ends choice 0 unless it was already ended here.
/// </summary>
public interface IChoiceStreamWriter
{
    /// <summary>Released text of one choice, with the log probabilities released with it (null when the upstream sent none).</summary>
    ValueTask WriteTextAsync(int choice, string text, JsonArray? logprobs, CancellationToken cancellationToken);

    ValueTask WriteToolCallAsync(int choice, int index, Tools.ToolCall call, CancellationToken cancellationToken);

    /// <summary>Ends one choice ("content_filter" with the gateway's details when the output guards halted it).</summary>
    ValueTask FinishChoiceAsync(int choice, string finishReason, BulwarkInfo? bulwark, CancellationToken cancellationToken);
}
