namespace Bulwark.Cli.Commands.Detection;

/// <summary>
/// The outcome of one evaluated corpus row. <see cref="Category"/> is what the row is (the attack or harm category of a
/// positive row, "ordinary" or "borderline" for a benign one); <see cref="LearnedScore"/> is the learned guard's score and
/// <see cref="OthersFlagged"/> whether any other guard flagged or blocked it, for the operating curve.
/// </summary>
internal sealed record EvalRow(string Stage, string Source, bool ShouldFlag, bool Flagged, double Milliseconds,
    string Category = "", double LearnedScore = 0, bool OthersFlagged = false);
