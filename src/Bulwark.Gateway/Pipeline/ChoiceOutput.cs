using System.Text.Json.Nodes;
using Bulwark.Gateway.Protocols;
using Bulwark.Gateway.Protocols.Tools;

namespace Bulwark.Gateway.Pipeline;

/// <summary>
/// Writes released pieces of a choice to the client's stream: through <see cref="IChoiceStreamWriter"/> when the
/// protocol has choices and log probabilities (each piece with the logprobs of its tokens), else choice 0 as text.
/// </summary>
public sealed class ChoiceOutput(IClientStreamWriter writer)
{
    /// <summary>Writes released text, with the log probabilities it covers (all the rest when <paramref name="final"/>).</summary>
    public async ValueTask WriteTextAsync(AnswerChoice choice, string text, bool final, CancellationToken cancellationToken)
    {
        choice.AfterRelease();
        JsonArray? logprobs = null;
        if (choice.Logprobs.Seen && !choice.Logprobs.Withheld)
            logprobs = final ? choice.Logprobs.ReleaseAll() : choice.Logprobs.Release(choice.Gate.ReleasedLength);
        if (writer is IChoiceStreamWriter choices)
        {
            if (text.Length > 0 || logprobs is { Count: > 0 }) await choices.WriteTextAsync(choice.Index, text, logprobs, cancellationToken).ConfigureAwait(false);
        }
        else if (choice.Index == 0 && text.Length > 0)
        {
            await writer.WriteTextAsync(text, cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask WriteToolCallAsync(AnswerChoice choice, int index, ToolCall call, CancellationToken cancellationToken) =>
        writer is IChoiceStreamWriter choices ? choices.WriteToolCallAsync(choice.Index, index, call, cancellationToken)
        : choice.Index == 0 ? writer.WriteToolCallAsync(index, call, cancellationToken)
        : ValueTask.CompletedTask;

    /// <summary>Ends a choice other than 0 (choice 0 ends with the stream).</summary>
    public ValueTask FinishChoiceAsync(int choice, string finishReason, BulwarkInfo? bulwark, CancellationToken cancellationToken) =>
        writer is IChoiceStreamWriter choices ? choices.FinishChoiceAsync(choice, finishReason, bulwark, cancellationToken) : ValueTask.CompletedTask;
}
