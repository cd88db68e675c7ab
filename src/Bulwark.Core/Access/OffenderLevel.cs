namespace Bulwark.Core.Access;

/// <summary>Repeat-offender escalation of a principal: flag, then throttle (lower rate), then suspend.</summary>
public enum OffenderLevel
{
    None = 0,
    Flagged = 1,
    Throttled = 2,
    Suspended = 3,
}
