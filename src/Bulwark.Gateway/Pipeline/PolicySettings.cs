using Bulwark.Core.Policies;

namespace Bulwark.Gateway.Pipeline;

/// <summary>
/// The policy part of configuration: declared policies (<c>Bulwark:Policies</c>) and the bindings of groups
/// (<c>Bulwark:GroupPolicies</c>) and principals (<c>Bulwark:PrincipalPolicies</c>) to policy names. Keys and models
/// bind policies elsewhere (the key store, <c>Models:&lt;m&gt;:Policy</c>).
/// </summary>
public sealed record PolicySettings
{
    public IReadOnlyDictionary<string, PolicySpec> Policies { get; init; } = new Dictionary<string, PolicySpec>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> GroupPolicies { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> PrincipalPolicies { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
