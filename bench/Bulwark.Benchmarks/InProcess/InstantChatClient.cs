using Microsoft.Extensions.AI;

namespace Bulwark.Benchmarks.InProcess;

/// <summary>An inner client that answers at once with a fixed short text (so only Bulwark's work is measured).</summary>
internal sealed class InstantChatClient : IChatClient
{
    private static readonly ChatResponse Answer = new(new ChatMessage(ChatRole.Assistant, "Alfama and Baixa are good for walking; try bacalhau; take the metro red line."));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Answer);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Answer.ToChatResponseUpdates().ToAsyncEnumerable();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
