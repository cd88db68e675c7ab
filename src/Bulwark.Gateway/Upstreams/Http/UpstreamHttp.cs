using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Bulwark.Gateway.Upstreams.Http;

/// <summary>
/// One pooled HTTP invoker for the upstreams, made by YARP's forwarder client factory (no cookies, no redirects, no
/// automatic decompression, no proxy: what a forwarding gateway wants), with response draining turned off: when the
/// gateway stops reading an answer (an output block, a withdrawn key, a client that left) the connection is closed,
/// so the model upstream is stopped rather than left generating into a drain.
/// </summary>
public static class UpstreamHttp
{
    public static HttpMessageInvoker CreateInvoker() =>
        new NoDrainClientFactory().CreateClient(new ForwarderHttpClientContext
        {
            ClusterId = "bulwark-upstream",
            NewConfig = HttpClientConfig.Empty,
        });

    private sealed class NoDrainClientFactory : ForwarderHttpClientFactory
    {
        protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
        {
            base.ConfigureHandler(context, handler);
            handler.MaxResponseDrainSize = 0;
            handler.ConnectTimeout = TimeSpan.FromSeconds(10);
        }
    }
}
