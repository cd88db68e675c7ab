using System.Net;

namespace Bulwark.Gateway.Configuration;

/// <summary>
/// The "Bulwark:ForwardedHeaders" section: the proxies and networks whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed (ASP.NET Core's ForwardedHeaders middleware). Empty (the default): the headers
/// are ignored and the client address is the TCP peer, so a client cannot choose its own address.
/// </summary>
public sealed record ForwardedHeadersSettings
{
    /// <summary>Addresses of trusted proxies, e.g. "10.0.0.5".</summary>
    public IReadOnlyList<string> KnownProxies { get; init; } = [];

    /// <summary>Trusted proxy networks in CIDR form, e.g. "10.0.0.0/8".</summary>
    public IReadOnlyList<string> KnownNetworks { get; init; } = [];

    /// <summary>How many proxy hops to unwind from the right of X-Forwarded-For.</summary>
    public int ForwardLimit { get; init; } = 1;

    public bool Enabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var p in KnownProxies)
        {
            if (!IPAddress.TryParse(p, out _)) errors.Add($"Bulwark:ForwardedHeaders:KnownProxies: '{p}' is not an IP address (expected e.g. 10.0.0.5)");
        }
        foreach (var n in KnownNetworks)
        {
            if (!IPNetwork.TryParse(n, out _)) errors.Add($"Bulwark:ForwardedHeaders:KnownNetworks: '{n}' is not a CIDR network (expected e.g. 10.0.0.0/8)");
        }
        if (ForwardLimit < 1) errors.Add("Bulwark:ForwardedHeaders:ForwardLimit must be at least 1");
        return errors;
    }
}
