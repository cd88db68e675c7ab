namespace Bulwark.Core.Guards;

/// <summary>The stages a guard applies to; a policy's <c>Guards:Add</c> puts a guard on these stages.</summary>
[Flags]
public enum GuardStages
{
    Input = 1,
    Output = 2,
    Both = Input | Output,
}
