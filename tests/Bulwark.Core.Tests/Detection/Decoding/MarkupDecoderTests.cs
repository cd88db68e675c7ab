using Bulwark.Core.Detection.Decoding;
using Bulwark.Core.Detection.Normalization;

namespace Bulwark.Core.Tests.Detection.Decoding;

public class MarkupDecoderTests
{
    private static IReadOnlyList<(string Text, string Step)> Decode(string text)
    {
        var sink = new DecodeSink(new NoteCollector());
        new MarkupDecoder().Decode(text, sink);
        return sink.Items;
    }

    [Fact]
    public void Decode_TagWithinLookAhead_BecomesSpace()
    {
        var items = Decode("before <b>bold</b> after");
        Assert.Equal("before  bold  after", Assert.Single(items).Text);
    }

    [Fact]
    public void Decode_CloseBeyondLookAhead_IsNotATag()
    {
        // The search for '>' reads at most MaxTagCharacters: a '<' whose '>' is further away is kept as text, which
        // is what keeps the decoder linear on thousands of unclosed '<'.
        var text = "<a" + new string('x', MarkupDecoder.MaxTagCharacters + 10) + ">";
        Assert.Empty(Decode(text));
    }

    [Fact]
    public void Decode_ThousandsOfUnclosedTags_KeepsEveryCharacter()
    {
        var text = string.Concat(Enumerable.Repeat("<a [b &c ", 5_000));
        Assert.Empty(Decode(text));
    }
}
