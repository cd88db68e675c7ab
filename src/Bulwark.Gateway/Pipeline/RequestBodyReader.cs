using System.Buffers;
using Bulwark.Gateway.Protocols;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Pipeline;

/// <summary>
/// Reads a JSON request body defensively: the content type must be JSON, the size is bounded (checked on the
/// header and while reading), then <see cref="JsonBodyRules"/> (UTF-8, depth, duplicate names, lone surrogates, an
/// object). Never throws for bad input. Called only after the caller is authenticated.
/// </summary>
public static class RequestBodyReader
{
    public static async Task<BodyReadResult> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var contentType = request.ContentType ?? "";
        var mediaType = contentType.Split(';', 2)[0].Trim();
        if (!mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) && !mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
            return Fail(415, "unsupported_media_type", $"Content-Type must be application/json (got '{Short(mediaType)}')");
        if (request.ContentLength is { } declared && declared > maxBytes)
            return Fail(413, "request_too_large", $"request body is {declared} bytes; the limit is {maxBytes}");

        // A pooled buffer: the parsed document keeps its own copy, so the buffer goes back to the pool at once.
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 16 * 1024, maxBytes) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                length += read;
                if (length > maxBytes)
                    return Fail(413, "request_too_large", $"request body exceeds the limit of {maxBytes} bytes");
            }
            if (!JsonBodyRules.TryParseObject(buffer.AsSpan(0, length), out var body, out var code, out var message)) return Fail(400, code, message);
            return new BodyReadResult(body, null);
        }
        catch (BadHttpRequestException ex)
        {
            return Fail(ex.StatusCode == 413 ? 413 : 400, ex.StatusCode == 413 ? "request_too_large" : "bad_request", "the request body could not be read");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Refuses the body of an unauthenticated request without reading it: the connection is closed after the answer,
    /// so Kestrel neither drains nor buffers what the client still sends.
    /// </summary>
    public static void Refuse(HttpContext context)
    {
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            context.Response.Headers.Connection = "close";
    }

    private static BodyReadResult Fail(int status, string code, string message) => new(null, new GatewayError(status, code, message));

    private static string Short(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
