using System.Net;
using Bulwark.Gateway.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;

namespace Bulwark.Gateway.Hosting;

/// <summary><c>UseBulwarkForwardedHeaders()</c>: believes X-Forwarded-For/Proto only from the configured proxies.</summary>
public static class ForwardedHeadersExtensions
{
    public static IApplicationBuilder UseBulwarkForwardedHeaders(this IApplicationBuilder app, ForwardedHeadersSettings settings)
    {
        if (!settings.Enabled) return app;
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = settings.ForwardLimit,
        };
        // The defaults trust loopback; only what the operator names is trusted.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var p in settings.KnownProxies) options.KnownProxies.Add(IPAddress.Parse(p));
        foreach (var n in settings.KnownNetworks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(n));
        return app.UseForwardedHeaders(options);
    }
}
