using System.Text.Json.Nodes;
using Bulwark.Gateway.Streaming;

namespace Bulwark.Gateway.Tests.Streaming;

/// <summary>Log probabilities leave only with the text they cover, and never after the gate blocked or redacted.</summary>
public sealed class LogprobQueueTests
{
    private static JsonArray Entries(params string[] tokens) =>
        new(tokens.Select(t => (JsonNode)new JsonObject { ["token"] = t, ["logprob"] = -0.5, ["top_logprobs"] = new JsonArray() }).ToArray());

    private static string Tokens(JsonArray entries) => string.Concat(entries.Select(e => (string)e!["token"]!));

    [Fact]
    public void Release_PartOfTheText_ReleasesOnlyTheEntriesItCoversWhole()
    {
        var queue = new LogprobQueue();
        queue.Add(Entries("Hello", " wor", "ld", "!"));

        Assert.Equal("", Tokens(queue.Release(4)));
        Assert.Equal("Hello", Tokens(queue.Release(8)));
        Assert.Equal(" world", Tokens(queue.Release(11)));
        Assert.Equal("!", Tokens(queue.ReleaseAll()));
        Assert.Equal("Hello world!", Tokens(queue.Released));
        Assert.True(queue.Seen);
    }

    [Fact]
    public void Withhold_AfterABlock_DropsWhatIsHeldAndEverythingLater()
    {
        var queue = new LogprobQueue();
        queue.Add(Entries("Safe", " text"));
        Assert.Equal("Safe", Tokens(queue.Release(4)));

        queue.Withhold();
        queue.Add(Entries(" harmful"));

        Assert.Empty(queue.ReleaseAll());
        Assert.Equal("Safe", Tokens(queue.Released));
        Assert.True(queue.Withheld);
    }

    [Fact]
    public void Add_NoLogprobsFromUpstream_IsNotSeen()
    {
        var queue = new LogprobQueue();
        queue.Add(null);

        Assert.False(queue.Seen);
        Assert.Empty(queue.ReleaseAll());
    }
}
