namespace Bulwark.Core.Access;

/// <summary>Everything the access rules need, as read from the store at one version.</summary>
public sealed record AccessSnapshot(
    long Version,
    IReadOnlyList<Principal> Principals,
    IReadOnlyList<ApiKey> Keys,
    IReadOnlyList<Directive> Directives,
    IReadOnlyList<KillSwitch> KillSwitches)
{
    public static readonly AccessSnapshot Empty = new(0, [], [], [], []);
}
