namespace Bulwark.Gateway.Auditing.Witnesses;

/// <summary>One witness the gateway asks to cosign its checkpoints (<c>Bulwark:Audit:Witnesses:&lt;name&gt;</c>): its add-checkpoint submission prefix and its verifier key.</summary>
public sealed record WitnessEndpoint
{
    /// <summary>The witness's submission prefix; the gateway posts to <c>&lt;Url&gt;/add-checkpoint</c>.</summary>
    public string Url { get; init; } = "";

    /// <summary>The witness's cosignature/v1 verifier key (<c>name+hash+base64</c>).</summary>
    public string Key { get; init; } = "";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}
