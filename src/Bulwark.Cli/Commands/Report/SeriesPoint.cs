namespace Bulwark.Cli.Commands.Report;

/// <summary>Counts in one time bucket.</summary>
internal sealed class SeriesPoint
{
    public long Requests { get; set; }

    public long Blocks { get; set; }

    public long Denials { get; set; }
}
