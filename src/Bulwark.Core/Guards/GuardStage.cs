namespace Bulwark.Core.Guards;

public enum GuardStage
{
    Input,
    Output,
}
