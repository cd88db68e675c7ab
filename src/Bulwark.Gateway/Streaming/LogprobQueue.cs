using System.Text.Json.Nodes;

namespace Bulwark.Gateway.Streaming;

/// <summary>
/// Holds back one choice's log probabilities until the text they belong to is released: each entry carries its token's
/// text, so it leaves only once the output gate has released at least that far. Once the gate has blocked or redacted
/// (released text that is not the model's), the rest is withheld for good: logprobs never leak held-back text.
/// </summary>
public sealed class LogprobQueue
{
    private readonly Queue<(JsonNode Entry, int End)> _pending = new();
    private int _queuedLength;

    /// <summary>Whether the upstream sent log probabilities at all (so the answer carries a logprobs object, else null).</summary>
    public bool Seen { get; private set; }

    /// <summary>Whether the rest was withheld after a block or a redaction.</summary>
    public bool Withheld { get; private set; }

    /// <summary>Every entry released so far, in order (the whole answer's logprobs.content).</summary>
    public JsonArray Released { get; } = [];

    public void Add(JsonArray? entries)
    {
        if (entries is null) return;
        Seen = true;
        if (Withheld) return;
        foreach (var entry in entries)
        {
            if (entry is null) continue;
            _queuedLength += entry["token"] is JsonValue token && token.TryGetValue<string>(out var text) ? text.Length : 0;
            _pending.Enqueue((entry.DeepClone(), _queuedLength));
        }
    }

    /// <summary>The entries whose tokens lie within the first <paramref name="releasedLength"/> characters of released text.</summary>
    public JsonArray Release(int releasedLength)
    {
        var batch = new JsonArray();
        while (!Withheld && _pending.Count > 0 && _pending.Peek().End <= releasedLength) Add(batch, _pending.Dequeue().Entry);
        return batch;
    }

    /// <summary>All the entries still held: the choice's text has been released whole.</summary>
    public JsonArray ReleaseAll() => Release(int.MaxValue);

    /// <summary>Drops what is held and everything that comes later.</summary>
    public void Withhold()
    {
        Withheld = true;
        _pending.Clear();
    }

    private void Add(JsonArray batch, JsonNode entry)
    {
        batch.Add(entry);
        Released.Add(entry.DeepClone());
    }
}
