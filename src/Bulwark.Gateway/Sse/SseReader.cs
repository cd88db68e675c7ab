using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;

namespace Bulwark.Gateway.Sse;

/// <summary>
/// Reads server-sent events from a byte stream as the HTML standard defines them: lines end in LF, CRLF or CR;
/// "event:" and "data:" fields (one optional space after the colon); comments (":") ignored; a blank line
/// dispatches. Lines are bounded so that a hostile upstream cannot exhaust memory.
/// </summary>
public static class SseReader
{
    public const int MaxLineBytes = 1 << 20;
    public const int MaxEventBytes = 4 << 20;

    public static async IAsyncEnumerable<SseEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
        var eventType = "";
        var data = new StringBuilder();
        var hasData = false;
        var pendingCr = false;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (TryReadLine(ref buffer, ref pendingCr, out var line))
                {
                    if (line.Length > MaxLineBytes) throw new SseFormatException("line too long");
                    var text = Decode(line);
                    if (text.Length == 0)
                    {
                        if (hasData)
                        {
                            yield return new SseEvent(eventType, data.ToString());
                        }
                        eventType = "";
                        data.Clear();
                        hasData = false;
                        continue;
                    }
                    if (text[0] == ':') continue;
                    var colon = text.IndexOf(':');
                    var field = colon < 0 ? text : text[..colon];
                    var value = colon < 0 ? "" : text[(colon + 1)..];
                    if (value.Length > 0 && value[0] == ' ') value = value[1..];
                    switch (field)
                    {
                        case "event":
                            eventType = value;
                            break;
                        case "data":
                            if (hasData) data.Append('\n');
                            data.Append(value);
                            hasData = true;
                            if (data.Length > MaxEventBytes) throw new SseFormatException("event too large");
                            break;
                    }
                }
                if (buffer.Length > MaxLineBytes) throw new SseFormatException("line too long");
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    // A final event without its blank line is incomplete and, per the standard, discarded.
                    yield break;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, ref bool pendingCr, out ReadOnlySequence<byte> line)
    {
        if (pendingCr && buffer.Length > 0)
        {
            // CRLF split across reads: skip the LF that completes a CR already taken as a line end.
            if (buffer.FirstSpan[0] == (byte)'\n') buffer = buffer.Slice(1);
            pendingCr = false;
        }
        var position = FindLineEnd(buffer);
        if (position is null)
        {
            line = default;
            return false;
        }
        line = buffer.Slice(0, position.Value);
        var terminator = buffer.Slice(position.Value, 1).FirstSpan[0];
        buffer = buffer.Slice(buffer.GetPosition(1, position.Value));
        if (terminator == (byte)'\r')
        {
            if (buffer.Length > 0)
            {
                if (buffer.FirstSpan[0] == (byte)'\n') buffer = buffer.Slice(1);
            }
            else
            {
                pendingCr = true;
            }
        }
        return true;
    }

    private static SequencePosition? FindLineEnd(in ReadOnlySequence<byte> buffer)
    {
        var position = buffer.Start;
        var previous = position;
        while (buffer.TryGet(ref position, out var memory))
        {
            var index = memory.Span.IndexOfAny((byte)'\n', (byte)'\r');
            if (index >= 0) return buffer.GetPosition(index, previous);
            previous = position;
        }
        return null;
    }

    private static string Decode(ReadOnlySequence<byte> line)
    {
        if (line.IsEmpty) return "";
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true);
        try
        {
            return line.IsSingleSegment ? decoder.GetString(line.FirstSpan) : decoder.GetString(line.ToArray());
        }
        catch (DecoderFallbackException)
        {
            throw new SseFormatException("invalid UTF-8 in event stream");
        }
    }
}
