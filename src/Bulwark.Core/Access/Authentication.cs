namespace Bulwark.Core.Access;

/// <summary>The result of matching a presented key against the state: the key and its principal, or a denial.</summary>
public readonly record struct Authentication(AccessDenial Denial, ApiKey? Key, Principal? Principal)
{
    public bool Succeeded => Denial == AccessDenial.None;
}
