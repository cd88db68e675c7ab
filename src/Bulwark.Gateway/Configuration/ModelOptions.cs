namespace Bulwark.Gateway.Configuration;

/// <summary>A model the gateway serves: which upstream answers it and under what name upstream.</summary>
public sealed record ModelOptions
{
    public string Upstream { get; init; } = "sim";

    /// <summary>The model name sent upstream; defaults to the public name.</summary>
    public string? UpstreamModel { get; init; }

    /// <summary>Groups allowed to use the model; empty means any authenticated caller.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Protected models are refused (503) when the access state is stale.</summary>
    public bool Protected { get; init; } = true;

    public string? Policy { get; init; }

    /// <summary>Tools the model may call; a call to any other is blocked and audited. Null: any tool.</summary>
    public IReadOnlyList<string>? AllowedTools { get; init; }

    /// <summary>Upstreams tried in order after this model's own one fails with 5xx, a timeout or 429 before answering.</summary>
    public IReadOnlyList<string> Fallbacks { get; init; } = [];

    /// <summary>A fallback entry: "upstream" (same model name) or "upstream:model".</summary>
    public static (string Upstream, string? Model) SplitFallback(string entry)
    {
        var colon = entry.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (entry, null) : (entry[..colon], entry[(colon + 1)..]);
    }
}
