using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Protocols;

namespace Bulwark.Gateway.Upstreams.Http;

/// <summary>
/// Turns an upstream error response into a failure that keeps its meaning: a 4xx keeps its status and the
/// upstream's error type, code and message (both APIs put them under "error"); 401/403 are the gateway's own
/// upstream credentials, so they become 502; 5xx become 502. Retry-After and rate-limit headers are kept.
/// </summary>
public static class UpstreamErrors
{
    public const int MaxErrorBytes = 64 * 1024;

    private static readonly string[] KeptPrefixes = ["x-ratelimit-", "anthropic-ratelimit-"];

    public static async Task<UpstreamFailure> FromResponseAsync(string upstream, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        JsonObject? error = null;
        try
        {
            var bytes = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
            error = (JsonNode.Parse(bytes) as JsonObject)?["error"] as JsonObject;
        }
        catch (Exception ex) when (ex is JsonException or HttpRequestException or IOException or InvalidOperationException or OperationCanceledException)
        {
            // An error body that is not JSON carries no type or message to keep.
        }
        var headers = Kept(response.Headers);
        var type = JsonFields.StringOrNull(error?["type"]);
        var code = JsonFields.StringOrNull(error?["code"]) ?? type;
        var message = JsonFields.StringOrNull(error?["message"]);
        if (status is >= 400 and < 500 and not 401 and not 403)
        {
            return new UpstreamFailure(code ?? "upstream_error", message ?? $"upstream '{upstream}' answered HTTP {status}", status)
            {
                ErrorType = type, Param = JsonFields.StringOrNull(error?["param"]), Headers = headers,
            };
        }
        var mapped = status is 401 or 403 ? "upstream_auth_error" : "upstream_error";
        return new UpstreamFailure(mapped, $"upstream '{upstream}' answered HTTP {status}", status is 503 or 529 ? 503 : 502) { Headers = headers };
    }

    private static List<KeyValuePair<string, string>> Kept(HttpResponseHeaders headers)
    {
        var kept = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in headers)
        {
            if (name.Equals("Retry-After", StringComparison.OrdinalIgnoreCase) || name.Equals("retry-after-ms", StringComparison.OrdinalIgnoreCase)
                || KeptPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
                kept.Add(new(name, string.Join(",", values)));
        }
        return kept;
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[MaxErrorBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0) total += read;
        return buffer[..total];
    }

}
