namespace Bulwark.Core.Guards;

/// <summary>Ordered by severity: a larger value wins when results are combined.</summary>
public enum GuardAction
{
    Allow = 0,
    Flag = 1,
    Redact = 2,
    Block = 3,
}
