namespace Bulwark.Cli.Commands.Detection;

/// <summary>The outcome of one evaluated corpus row.</summary>
internal sealed record EvalRow(string Stage, string Source, bool ShouldFlag, bool Flagged, double Milliseconds);
