namespace Bulwark.Core.Access;

public enum KillSwitchScope
{
    Global = 0,
    Model = 1,
    Upstream = 2,
}
