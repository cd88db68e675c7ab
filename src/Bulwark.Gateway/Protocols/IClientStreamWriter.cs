namespace Bulwark.Gateway.Protocols;

/// <summary>Writes one streamed answer in the client's protocol. Each call flushes, so released text reaches the client at once.</summary>
public interface IClientStreamWriter
{
    ValueTask StartAsync(int promptTokens, CancellationToken cancellationToken);

    ValueTask WriteTextAsync(string text, CancellationToken cancellationToken);

    /// <summary>Writes one complete tool call (already past the output guards) of the answer.</summary>
    ValueTask WriteToolCallAsync(int index, Tools.ToolCall call, CancellationToken cancellationToken);

    /// <summary>Ends the answer normally or, with finish reason "content_filter", as a refusal in protocol form.</summary>
    /// <param name="details">The upstream's usage and answer fields, written unchanged when it speaks this protocol.</param>
    ValueTask FinishAsync(string finishReason, int promptTokens, int completionTokens, BulwarkInfo? bulwark, Upstreams.UpstreamDetails? details, CancellationToken cancellationToken);

    /// <summary>Ends the stream with an error event in protocol form (upstream failure, access withdrawn).</summary>
    ValueTask FailAsync(GatewayError error, BulwarkInfo bulwark, CancellationToken cancellationToken);
}
