using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Bulwark.Audit.Export;
using Bulwark.Audit.Tree;

namespace Bulwark.Cli.Commands.Audit;

/// <summary>Reads the log over a gateway's auditor API (an auditor or admin key).</summary>
internal sealed class GatewayAuditSource : IAuditSource
{
    public const int PageSize = 1000;
    private readonly HttpClient _http;

    public GatewayAuditSource(string baseUrl, string? key, HttpMessageHandler? handler = null)
    {
        if (!Uri.TryCreate(baseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            throw new CliUsageException($"--gateway must be an http(s) URL (got '{baseUrl}')");
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = uri;
        _http.Timeout = TimeSpan.FromSeconds(60);
        if (!string.IsNullOrEmpty(key)) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    public string Name => "gateway " + _http.BaseAddress;

    public IHashReader? Hints => null;

    public async Task<string> GetTextAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(path, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> GetSizeAsync(CancellationToken cancellationToken)
    {
        var checkpoints = await GetCheckpointsAsync(cancellationToken).ConfigureAwait(false);
        if (checkpoints.Count == 0) return 0;
        var lines = checkpoints[^1].Split('\n');
        return lines.Length > 1 && long.TryParse(lines[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size) ? size : 0;
    }

    public async Task<IReadOnlyList<string>> GetCheckpointsAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync("audit/checkpoints", cancellationToken, allowNotFound: true).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return [await GetTextAsync("audit/checkpoint", cancellationToken).ConfigureAwait(false)];
        using var doc = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return doc.RootElement.GetProperty("checkpoints").EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
    }

    public async IAsyncEnumerable<LogEntry> ReadRecordsAsync(long from, long count, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = from;
        var end = from + count;
        while (next < end)
        {
            var take = (int)Math.Min(PageSize, end - next);
            using var response = await SendAsync(FormattableString.Invariant($"audit/records?from={next}&count={take}"), cancellationToken).ConfigureAwait(false);
            using var doc = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            var records = doc.RootElement.GetProperty("records");
            if (records.GetArrayLength() == 0) yield break;
            long last = -1;
            foreach (var r in records.EnumerateArray())
            {
                last = r.GetProperty("index").GetInt64();
                if (!r.GetProperty("data").TryGetBytesFromBase64(out var data)) throw new FormatException($"record {last} from the gateway is not base64");
                yield return new LogEntry(last, data);
            }
            next = last + 1;
        }
    }

    public async Task<IReadOnlyList<byte[]>> InclusionProofAsync(long index, long size, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(FormattableString.Invariant($"audit/proof/inclusion?index={index}&size={size}"), cancellationToken).ConfigureAwait(false);
        using var doc = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return doc.RootElement.GetProperty("proof").EnumerateArray().Select(e => e.GetBytesFromBase64()).ToArray();
    }

    private async Task<HttpResponseMessage> SendAsync(string path, CancellationToken cancellationToken, bool allowNotFound = false)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new CliUsageException($"cannot reach the gateway at {_http.BaseAddress}: {ex.Message}");
        }
        if (response.IsSuccessStatusCode || (allowNotFound && response.StatusCode == HttpStatusCode.NotFound)) return response;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        response.Dispose();
        var message = body.Length > 300 ? body[..300] : body;
        throw new CliUsageException($"gateway answered {(int)response.StatusCode} for /{path.Split('?')[0]}: {message.ReplaceLineEndings(" ")}");
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new CliUsageException($"gateway sent malformed JSON: {ex.Message}");
        }
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
