namespace Bulwark.Gateway.Protocols;

/// <summary>A stream writer for a protocol that shows the model's thinking (Anthropic Messages): thinking blocks before the answer.</summary>
public interface IThinkingStreamWriter
{
    /// <summary>Released thinking text (opens a thinking block when none is open).</summary>
    ValueTask WriteThinkingAsync(string text, CancellationToken cancellationToken);

    /// <summary>The signature of the open thinking block, which ends it.</summary>
    ValueTask WriteThinkingSignatureAsync(string signature, CancellationToken cancellationToken);

    /// <summary>A whole redacted_thinking block.</summary>
    ValueTask WriteRedactedThinkingAsync(string data, CancellationToken cancellationToken);
}
