namespace Bulwark.Core.Policies;

/// <summary>What a policy does with personal data and secrets (category <c>pii</c>, guard <c>pii</c>).</summary>
public enum PiiMode
{
    Off,
    Flag,
    Block,

    /// <summary>Replace each value with a typed placeholder ([EMAIL_1]) before the upstream, or the client, sees it.</summary>
    Redact,
}
