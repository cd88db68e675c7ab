using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bulwark.Gateway.Configuration;
using Bulwark.Gateway.Sse;

namespace Bulwark.Gateway.Upstreams.Http;

/// <summary>
/// Shared mechanics of HTTP upstreams: send the request (always streaming, so that an output block can stop the
/// model early), bound the wait for headers by <see cref="UpstreamOptions.Timeout"/> and every silence after by
/// <see cref="UpstreamOptions.IdleTimeout"/>, and turn transport trouble into <see cref="UpstreamFailure"/> events.
/// Subclasses build the wire request and read the wire events.
/// </summary>
public abstract class HttpUpstreamClient(string name, UpstreamOptions options, HttpMessageInvoker invoker) : IUpstreamClient
{
    public string Name => name;

    public abstract string Kind { get; }

    protected UpstreamOptions Options => options;

    protected HttpMessageInvoker Invoker => invoker;

    protected abstract HttpRequestMessage BuildRequest(UpstreamCall call);

    /// <summary>Turns one wire event into neutral events; returns a failure for anything that breaks the protocol.</summary>
    protected abstract void Translate(SseEvent sse, List<UpstreamEvent> output, ref StreamState state);

    /// <summary>For servers that ignore "stream": true and answer with one JSON document.</summary>
    protected abstract void TranslateDocument(JsonNode document, List<UpstreamEvent> output);

    public async IAsyncEnumerable<UpstreamEvent> StreamAsync(UpstreamCall call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        HttpResponseMessage? response = null;
        UpstreamFailure? failure = null;
        try
        {
            using var request = BuildRequest(call);
            response = await invoker.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failure = new UpstreamFailure("upstream_timeout", $"upstream '{name}' did not answer within {options.Timeout.TotalSeconds:0.#} s", 504);
        }
        catch (HttpRequestException ex)
        {
            failure = new UpstreamFailure("upstream_unavailable", $"upstream '{name}' is unreachable ({Describe(ex)})", 502);
        }

        if (failure is not null)
        {
            yield return failure;
            yield break;
        }

        using (response)
        {
            if (!response!.IsSuccessStatusCode)
            {
                yield return await UpstreamErrors.FromResponseAsync(name, response, timeout.Token).ConfigureAwait(false);
                yield break;
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
            if (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                var documentEvents = new List<UpstreamEvent>();
                try
                {
                    var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
                    TranslateDocument(JsonNode.Parse(bytes) ?? throw new JsonException("null document"), documentEvents);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    documentEvents = [new UpstreamFailure("upstream_timeout", $"upstream '{name}' stopped sending", 504)];
                }
                catch (Exception ex) when (ex is JsonException or InvalidOperationException or HttpRequestException or IOException)
                {
                    documentEvents = [new UpstreamFailure("upstream_protocol_error", $"upstream '{name}' sent a malformed answer", 502)];
                }
                foreach (var e in documentEvents) yield return e;
                yield break;
            }

            if (!mediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase))
            {
                yield return new UpstreamFailure("upstream_protocol_error", $"upstream '{name}' answered with content type '{mediaType}'", 502);
                yield break;
            }

            Stream body;
            try
            {
                body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                failure = new UpstreamFailure("upstream_closed", $"upstream '{name}' closed the connection", 502);
                body = Stream.Null;
            }
            if (failure is not null)
            {
                yield return failure;
                yield break;
            }

            var state = new StreamState();
            var pending = new List<UpstreamEvent>();
            await using var events = SseReader.ReadAsync(body, timeout.Token).GetAsyncEnumerator(timeout.Token);
            while (true)
            {
                timeout.CancelAfter(options.IdleTimeout);
                bool more;
                try
                {
                    more = await events.MoveNextAsync().ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = new UpstreamFailure("upstream_timeout", $"upstream '{name}' went silent for {options.IdleTimeout.TotalSeconds:0.#} s mid-answer", 504);
                    more = false;
                }
                catch (SseFormatException)
                {
                    failure = new UpstreamFailure("upstream_protocol_error", $"upstream '{name}' sent a malformed event stream", 502);
                    more = false;
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException)
                {
                    failure = new UpstreamFailure("upstream_closed", $"upstream '{name}' closed the connection mid-answer", 502);
                    more = false;
                }
                if (failure is not null)
                {
                    yield return failure;
                    yield break;
                }
                if (!more) break;

                pending.Clear();
                Translate(events.Current, pending, ref state);
                foreach (var e in pending)
                {
                    yield return e;
                    if (e is UpstreamFailure) yield break;
                }
                if (state.Done) yield break;
            }

            yield return new UpstreamFailure("upstream_closed", $"upstream '{name}' ended the stream before finishing its answer", 502);
        }
    }

    protected static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static string Describe(HttpRequestException ex) => ex.InnerException switch
    {
        SocketException se => se.SocketErrorCode.ToString(),
        _ => ex.HttpRequestError.ToString(),
    };
}
