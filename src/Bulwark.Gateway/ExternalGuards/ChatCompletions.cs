using System.Text.Json.Nodes;

namespace Bulwark.Gateway.ExternalGuards;

/// <summary>The OpenAI chat-completions request and reply shapes the chat-served guard models (vLLM, Ollama, TGI) use.</summary>
internal static class ChatCompletions
{
    public const string Path = "chat/completions";

    /// <summary>The prompt as the user turn and, on the output stage, the answer as the assistant turn; the server's chat template adds the guard's instructions.</summary>
    public static JsonObject Request(string? model, GuardedText text)
    {
        var messages = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text.Prompt });
        if (text.Response is not null) messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = text.Response });
        return new JsonObject { ["model"] = model, ["messages"] = messages, ["temperature"] = 0, ["max_tokens"] = 64, ["stream"] = false };
    }

    public static string Content(JsonNode? reply)
    {
        try
        {
            if (reply?["choices"]?[0]?["message"]?["content"] is JsonValue v && v.TryGetValue<string>(out var content)) return content;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentOutOfRangeException)
        {
            // falls through to the format error
        }
        throw new ExternalGuardReplyException("reply is not a chat completion with a message content");
    }
}
