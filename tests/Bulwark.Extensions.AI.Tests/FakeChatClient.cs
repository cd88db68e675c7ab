using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Bulwark.Extensions.AI.Tests;

/// <summary>An inner client that answers with fixed chunks and records what it was sent and how far a stream was read.</summary>
internal sealed class FakeChatClient(params string[] chunks) : IChatClient
{
    public List<List<ChatMessage>> Calls { get; } = [];

    public int ChunksRead { get; private set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls.Add(messages.ToList());
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, string.Concat(chunks))) { FinishReason = ChatFinishReason.Stop });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Calls.Add(messages.ToList());
        foreach (var chunk in chunks)
        {
            await Task.Yield();
            ChunksRead++;
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk) { ResponseId = "r1" };
        }
        yield return new ChatResponseUpdate { FinishReason = ChatFinishReason.Stop, ResponseId = "r1" };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
