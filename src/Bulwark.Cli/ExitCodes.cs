namespace Bulwark.Cli;

public static class ExitCodes
{
    public const int Success = 0;
    public const int CheckFailed = 1;
    public const int BadUsage = 2;
}
