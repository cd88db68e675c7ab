using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Bulwark.Gateway.Protocols;
using Microsoft.AspNetCore.Http;

namespace Bulwark.Gateway.Pipeline;

/// <summary>
/// Reads a JSON request body defensively: the content type must be JSON, the size is bounded (checked on the
/// header and while reading), the bytes must be valid UTF-8, the JSON must parse (depth-bounded) to an object.
/// Never throws for bad input.
/// </summary>
public static class RequestBodyReader
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    public static async Task<BodyReadResult> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var contentType = request.ContentType ?? "";
        var mediaType = contentType.Split(';', 2)[0].Trim();
        if (!mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) && !mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
            return Fail(415, "unsupported_media_type", $"Content-Type must be application/json (got '{Short(mediaType)}')");
        if (request.ContentLength is { } declared && declared > maxBytes)
            return Fail(413, "request_too_large", $"request body is {declared} bytes; the limit is {maxBytes}");

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 16 * 1024, maxBytes) + 1);
        try
        {
            while (true)
            {
                var memory = buffer.GetMemory(16 * 1024);
                var read = await request.Body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                buffer.Advance(read);
                if (buffer.WrittenCount > maxBytes)
                    return Fail(413, "request_too_large", $"request body exceeds the limit of {maxBytes} bytes");
            }
        }
        catch (BadHttpRequestException ex)
        {
            return Fail(ex.StatusCode == 413 ? 413 : 400, ex.StatusCode == 413 ? "request_too_large" : "bad_request", "the request body could not be read");
        }

        var bytes = buffer.WrittenSpan;
        if (bytes.Length == 0) return Fail(400, "empty_body", "the request body is empty; a JSON object is required");
        if (!Utf8.IsValid(bytes)) return Fail(400, "invalid_utf8", "the request body is not valid UTF-8");

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(bytes, NodeOptions, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return Fail(400, "malformed_json", $"the request body is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1})");
        }
        if (node is not JsonObject obj) return Fail(400, "malformed_json", "the request body must be a JSON object");

        // Lone surrogates written as \uD800 escapes parse but cannot be text: find them now, not in a guard.
        if (!HasOnlyValidStrings(obj)) return Fail(400, "invalid_unicode", "the request contains an invalid Unicode escape (a lone surrogate)");
        return new BodyReadResult(obj, null);
    }

    private static bool HasOnlyValidStrings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                {
                    if (!IsWellFormed(k) || !HasOnlyValidStrings(v)) return false;
                }
                return true;
            case JsonArray a:
                foreach (var v in a)
                {
                    if (!HasOnlyValidStrings(v)) return false;
                }
                return true;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                try
                {
                    return IsWellFormed(v.GetValue<string>());
                }
                catch (InvalidOperationException)
                {
                    return false;
                }
            default:
                return true;
        }
    }

    private static bool IsWellFormed(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }
        return true;
    }

    private static BodyReadResult Fail(int status, string code, string message) => new(null, new GatewayError(status, code, message));

    private static string Short(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
