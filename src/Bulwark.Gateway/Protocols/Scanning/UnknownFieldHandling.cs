namespace Bulwark.Gateway.Protocols.Scanning;

/// <summary>What the gateway does with a request field (or content type) it does not know.</summary>
public enum UnknownFieldHandling
{
    /// <summary>Remove it before forwarding: it never reaches the upstream (the default).</summary>
    Drop,

    /// <summary>Refuse the request with a 400 that names the field.</summary>
    Reject,

    /// <summary>Forward it, after scanning every key and string in it as untrusted data.</summary>
    Pass,
}
