using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Bulwark.Gateway.Upstreams.Http;

/// <summary>
/// One pooled HTTP invoker for the upstreams, made by YARP's forwarder client factory (no cookies, no redirects, no
/// automatic decompression, no proxy: what a forwarding gateway wants), with response draining turned off: when the
/// gateway stops reading an answer (an output block, a withdrawn key, a client that left) the connection is closed,
/// so the model upstream is stopped rather than left generating into a drain. Before the first byte of an answer,
/// a bounded retry (Microsoft.Extensions.Http.Resilience) repeats only failures where the upstream did not take
/// the request: a connection that could not be made, a 429 or a 503, honouring their Retry-After.
/// </summary>
public static class UpstreamHttp
{
    public const int MaxRetries = 2;

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    public static HttpMessageInvoker CreateInvoker() =>
        new NoDrainClientFactory().CreateClient(new ForwarderHttpClientContext
        {
            ClusterId = "bulwark-upstream",
            NewConfig = HttpClientConfig.Empty,
        });

    /// <summary>The retry: idempotent failures only (the request was not processed), bounded in count and delay.</summary>
    public static ResiliencePipeline<HttpResponseMessage> RetryPipeline() =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = MaxRetries,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = MaxRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } } => true,
                    { Result.StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } => true,
                    _ => false,
                }),
            })
            .Build();

    private sealed class NoDrainClientFactory : ForwarderHttpClientFactory
    {
        protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
        {
            base.ConfigureHandler(context, handler);
            handler.MaxResponseDrainSize = 0;
            handler.ConnectTimeout = TimeSpan.FromSeconds(10);
        }

        protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler) =>
            new ResilienceHandler(RetryPipeline()) { InnerHandler = base.WrapHandler(context, handler) };
    }
}
