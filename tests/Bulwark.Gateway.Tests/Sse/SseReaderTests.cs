using System.Text;
using Bulwark.Gateway.Sse;

namespace Bulwark.Gateway.Tests.Sse;

public sealed class SseReaderTests
{
    private static async Task<List<SseEvent>> ReadAsync(byte[] bytes, int chunk)
    {
        var events = new List<SseEvent>();
        await using var stream = new ChunkedStream(bytes, chunk);
        await foreach (var e in SseReader.ReadAsync(stream, CancellationToken.None)) events.Add(e);
        return events;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public async Task ReadAsync_MixedLineEndingsSplitAnywhere_YieldsSameEvents(int chunk)
    {
        var bytes = Encoding.UTF8.GetBytes(": comment\r\nevent: a\r\ndata: one\r\ndata:two\r\n\r\ndata: é€😀\n\nevent: b\rdata: x\r\r");
        var events = await ReadAsync(bytes, chunk);
        Assert.Equal([new SseEvent("a", "one\ntwo"), new SseEvent("", "é€😀"), new SseEvent("b", "x")], events);
    }

    [Fact]
    public async Task ReadAsync_EventWithoutBlankLineAtEnd_IsDiscarded()
    {
        var events = await ReadAsync(Encoding.UTF8.GetBytes("data: done\n\ndata: partial"), 5);
        Assert.Equal([new SseEvent("", "done")], events);
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8_ThrowsFormatException()
    {
        var bytes = new byte[] { (byte)'d', (byte)'a', (byte)'t', (byte)'a', (byte)':', 0xC3, 0x28, (byte)'\n', (byte)'\n' };
        await Assert.ThrowsAsync<SseFormatException>(() => ReadAsync(bytes, 2));
    }

    [Fact]
    public async Task ReadAsync_EndlessLine_ThrowsFormatExceptionInsteadOfGrowing()
    {
        var bytes = Encoding.UTF8.GetBytes("data: " + new string('x', SseReader.MaxLineBytes + 10));
        await Assert.ThrowsAsync<SseFormatException>(() => ReadAsync(bytes, 64 * 1024));
    }

    /// <summary>Returns the bytes in fixed-size pieces, as a network would.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
