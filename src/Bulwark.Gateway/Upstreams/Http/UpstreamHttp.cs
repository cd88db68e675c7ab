using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Bulwark.Gateway.Upstreams.Http;

/// <summary>
/// One pooled HTTP invoker per upstream, made by YARP's forwarder client factory (no cookies, no redirects, no
/// automatic decompression, no proxy: what a forwarding gateway wants).
/// </summary>
public static class UpstreamHttp
{
    public static HttpMessageInvoker CreateInvoker() =>
        new ForwarderHttpClientFactory().CreateClient(new ForwarderHttpClientContext
        {
            ClusterId = "bulwark-upstream",
            NewConfig = HttpClientConfig.Empty,
        });
}
