namespace Bulwark.Core.Access;

/// <summary>Why the access state refuses a caller. <see cref="None"/>: allowed.</summary>
public enum AccessDenial
{
    None = 0,
    InvalidKey,
    Revoked,
    Expired,
    Suspended,
    KillSwitch,
    NotEntitled,
    Directive,
}
