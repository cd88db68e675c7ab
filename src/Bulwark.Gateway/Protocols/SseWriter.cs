using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Protocols;

/// <summary>Writes server-sent events to the response body and flushes each one.</summary>
internal sealed class SseWriter(HttpResponse response)
{
    private static readonly byte[] EventPrefix = "event: "u8.ToArray();
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private readonly ArrayBufferWriter<byte> _buffer = new(512);

    public void Begin()
    {
        response.StatusCode = 200;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
    }

    /// <summary>Writes one event whose data is the JSON that <paramref name="write"/> produces.</summary>
    public ValueTask<FlushResult> WriteJsonAsync(string? eventType, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        _buffer.ResetWrittenCount();
        if (eventType is not null)
        {
            _buffer.Write(EventPrefix);
            _buffer.Write(Encoding.UTF8.GetBytes(eventType));
            _buffer.Write("\n"u8);
        }
        _buffer.Write(DataPrefix);
        using (var json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JsonOutput.Encoder }))
        {
            write(json);
        }
        _buffer.Write("\n\n"u8);
        return FlushAsync(cancellationToken);
    }

    public ValueTask<FlushResult> WriteRawAsync(ReadOnlySpan<byte> bytes, CancellationToken cancellationToken)
    {
        _buffer.ResetWrittenCount();
        _buffer.Write(bytes);
        return FlushAsync(cancellationToken);
    }

    private async ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken)
    {
        var written = await response.BodyWriter.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        var result = written.IsCompleted || written.IsCanceled ? written : await response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
        // Kestrel reports a vanished client as a completed pipe rather than an exception: stop streaming into the void.
        if (result.IsCompleted || result.IsCanceled) throw new ClientGoneException();
        return result;
    }
}
