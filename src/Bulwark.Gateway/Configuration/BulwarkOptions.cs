namespace Bulwark.Gateway.Configuration;

/// <summary>
/// The "Bulwark" configuration section (README, Configuration). Bound once at start-up and validated; immutable after.
/// </summary>
public sealed record BulwarkOptions
{
    public const string Section = "Bulwark";

    /// <summary>sqlite://path or postgres://user:pass@host:port/db.</summary>
    public string Store { get; init; } = "sqlite://./bulwark-data/bulwark.db";

    /// <summary>Empty for a single node; redis://host:port for many.</summary>
    public string Bus { get; init; } = "";

    public TimeSpan MaxStaleness { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Allow protected models when the access state is stale (default false: fail closed).</summary>
    public bool AllowStale { get; init; }

    public string DataDirectory { get; init; } = "./bulwark-data";

    public IReadOnlyDictionary<string, UpstreamOptions> Upstreams { get; init; } = new Dictionary<string, UpstreamOptions>
    {
        ["sim"] = new() { Kind = "simulated" },
    };

    public IReadOnlyDictionary<string, ModelOptions> Models { get; init; } = new Dictionary<string, ModelOptions>
    {
        ["bulwark-sim"] = new() { Upstream = "sim" },
    };

    public string Policy { get; init; } = "default";

    /// <summary>Request fields the gateway does not know: dropped before forwarding (default), refused (400 naming the field), or passed after being scanned as untrusted data.</summary>
    public Bulwark.Gateway.Protocols.Scanning.UnknownFieldHandling UnknownFields { get; init; } = Bulwark.Gateway.Protocols.Scanning.UnknownFieldHandling.Drop;

    /// <summary>Per-caller tool allowlists, keyed "key:ID", "principal:ID" or "group:NAME": a caller matched by any entry may call only the tools all its matching entries list.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ToolAllowlists { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxRequestBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Store prompt and response text (encrypted) beside the audit log. Off by default.</summary>
    public bool StoreContent { get; init; }

    /// <summary>Log raw prompts and responses. Off by default; never on in production.</summary>
    public bool LogContent { get; init; }

    /// <summary>Audit checkpoint cadence.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(10);

    public int CheckpointEvery { get; init; } = 1000;

    /// <summary>Origin line of the audit log's checkpoints (C2SP signed note).</summary>
    public string AuditOrigin { get; init; } = "bulwark.local/audit";

    /// <summary>Trusted proxies whose X-Forwarded-For names the client (empty: the TCP peer is the client).</summary>
    public ForwardedHeadersSettings ForwardedHeaders { get; init; } = new();

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(ForwardedHeaders.Validate());
        if (!Store.StartsWith("sqlite://", StringComparison.Ordinal) && !Store.StartsWith("postgres://", StringComparison.Ordinal) && !Store.StartsWith("postgresql://", StringComparison.Ordinal))
            errors.Add($"Bulwark:Store must start with sqlite:// or postgres:// (got '{Store.Split('@')[^1]}')");
        if (Bus.Length > 0 && !Bus.StartsWith("redis://", StringComparison.Ordinal))
            errors.Add("Bulwark:Bus must be empty or redis://host:port");
        if (MaxStaleness <= TimeSpan.Zero) errors.Add("Bulwark:MaxStaleness must be positive");
        if (MaxRequestBytes < 1024) errors.Add("Bulwark:MaxRequestBytes must be at least 1024");
        if (Models.Count == 0) errors.Add("Bulwark:Models is empty: no model to serve");
        foreach (var (name, model) in Models)
        {
            if (!Upstreams.ContainsKey(model.Upstream))
                errors.Add($"model '{name}' names unknown upstream '{model.Upstream}'");
            foreach (var fallback in model.Fallbacks)
            {
                if (!Upstreams.ContainsKey(ModelOptions.SplitFallback(fallback).Upstream)) errors.Add($"model '{name}' names unknown fallback upstream '{fallback}'");
            }
        }
        foreach (var (name, upstream) in Upstreams)
        {
            switch (upstream.Kind)
            {
                case "simulated":
                    break;
                case "openai" or "anthropic":
                    if (!Uri.TryCreate(upstream.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                        errors.Add($"upstream '{name}' needs an absolute http(s) BaseUrl");
                    break;
                default:
                    errors.Add($"upstream '{name}' has unknown Kind '{upstream.Kind}' (openai, anthropic or simulated)");
                    break;
            }
            if (upstream.Timeout <= TimeSpan.Zero) errors.Add($"upstream '{name}' Timeout must be positive");
        }
        return errors;
    }
}
