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

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxBatch is < 1 or > 10_000) errors.Add("audit MaxBatch must be between 1 and 10000");
        if (QueueCapacity < MaxBatch) errors.Add("audit QueueCapacity must be at least MaxBatch");
        return errors;
    }
}
