namespace Bulwark.Detection.Models;

/// <summary>
/// The calibrated operating points of one category, in reported score units (the scores the classifier's findings
/// carry): flag from <see cref="FlagAt"/>, block from <see cref="BlockAt"/>, and the curve they were chosen from.
/// </summary>
public sealed record CategoryOperatingPoints(string Category, double FlagAt, double BlockAt, IReadOnlyList<OperatingPoint> Curve);
