namespace Bulwark.Gateway.Auditing;

/// <summary>
/// Audit settings beyond <see cref="Configuration.BulwarkOptions"/>. Key files default to the data directory:
/// audit-signing.key (C2SP signer key), audit-hmac.key (commitment key), audit-content.key (content encryption key).
/// </summary>
public sealed record AuditOptions
{
    /// <summary>Path of the checkpoint signing key; default &lt;DataDirectory&gt;/audit-signing.key (created on first start).</summary>
    public string? SigningKeyPath { get; init; }

    public string? HmacKeyPath { get; init; }

    public string? ContentKeyPath { get; init; }

    /// <summary>Most records appended in one transaction.</summary>
    public int MaxBatch { get; init; } = 512;

    /// <summary>Records waiting to be appended before callers wait.</summary>
    public int QueueCapacity { get; init; } = 20_000;

    /// <summary>Witnesses asked to cosign every new checkpoint (<c>Bulwark:Audit:Witnesses:&lt;name&gt;:{Url, Key}</c>).</summary>
    public Dictionary<string, Witnesses.WitnessEndpoint> Witnesses { get; init; } = new(StringComparer.Ordinal);

    /// <summary>How many witnesses must cosign a checkpoint before it is published; 0 publishes with whatever cosignatures arrived.</summary>
    public int WitnessQuorum { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var (name, w) in Witnesses)
        {
            if (!Uri.TryCreate(w.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                errors.Add($"audit witness '{name}': Url must be an http(s) URL");
            if (!Bulwark.Audit.Witness.WitnessVerifier.TryParse(w.Key, out _, out var keyError)) errors.Add($"audit witness '{name}': Key: {keyError}");
            if (w.Timeout <= TimeSpan.Zero) errors.Add($"audit witness '{name}': Timeout must be positive");
        }
        if (WitnessQuorum < 0 || WitnessQuorum > Witnesses.Count) errors.Add($"audit WitnessQuorum must be between 0 and the number of witnesses ({Witnesses.Count})");
        if (MaxBatch is < 1 or > 10_000) errors.Add("audit MaxBatch must be between 1 and 10000");
        if (QueueCapacity < MaxBatch) errors.Add("audit QueueCapacity must be at least MaxBatch");
        return errors;
    }
}
