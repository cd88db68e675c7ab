namespace Bulwark.Cli.Commands.Report;

internal sealed record ReportCheckpoint(long Size, DateTimeOffset Time, string RootBase64);
